import "server-only";
import { Redis } from "ioredis";
import type { LiveBus } from "./bus";

// The live bus of several instances: Redis (REDIS_URL). One connection for commands and one for
// subscriptions (a subscribed Redis connection takes no other commands). Both reconnect by
// themselves; a command sent while Redis is away waits for it (ioredis's offline queue), so a
// short Redis restart delays live tails and stops instead of failing them.

/** Trims expired members, then adds the member if there is room: atomic in Redis. */
const CLAIM = `
local now = redis.call('TIME')
local ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], ms + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

export function redisBus(url: string): LiveBus {
  const options = { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true } as const;
  const commands = new Redis(url, options);
  const subscriptions = new Redis(url, { ...options, enableAutoPipelining: false });
  for (const connection of [commands, subscriptions]) {
    // Logged once per outage by ioredis's reconnects; requests meanwhile wait or fail on their own.
    connection.on("error", (error: Error) => console.error("glm-chat: Redis:", error.message));
  }
  const listeners = new Map<string, Set<(message: string) => void>>();
  subscriptions.on("message", (channel: string, message: string) => {
    for (const listener of listeners.get(channel) ?? []) listener(message);
  });

  const bus: LiveBus = {
    kind: "redis",
    async publish(channel, message) {
      await commands.publish(channel, message);
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await subscriptions.subscribe(channel);
      }
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(channel) === set) {
          listeners.delete(channel);
          await subscriptions.unsubscribe(channel);
        }
      };
    },
    async get(key) {
      return commands.get(key);
    },
    async set(key, value, ttlMs) {
      await commands.set(key, value, "PX", Math.max(1, Math.round(ttlMs)));
    },
    // Counters live a day at most: one whose instance died uncounted does not stay forever.
    async incr(key) {
      const [[, value]] = (await commands.multi().incr(key).expire(key, 86_400).exec()) as [[null, number]];
      return value;
    },
    async decr(key) {
      const [[, value]] = (await commands.multi().decr(key).expire(key, 86_400).exec()) as [[null, number]];
      return value;
    },
    async del(key) {
      await commands.del(key);
    },
    async claim(key, member, most, ttlMs) {
      return (await commands.eval(CLAIM, 1, key, member, most, Math.round(ttlMs))) === 1;
    },
    async unclaim(key, member) {
      await commands.zrem(key, member);
    },
    publisher: {
      connect: async () => {},
      publish: (channel, message) => commands.publish(channel, message),
      set: (key, value, opts) => (opts?.EX ? commands.set(key, value, "EX", opts.EX) : commands.set(key, value)),
      get: (key) => commands.get(key),
      incr: (key) => commands.incr(key),
    },
    subscriber: {
      connect: async () => {},
      subscribe: async (channel, callback) => {
        await bus.subscribe(channel, callback);
      },
      unsubscribe: async (channel) => {
        listeners.delete(channel);
        await subscriptions.unsubscribe(channel);
      },
    },
    async close() {
      await Promise.all([commands.quit(), subscriptions.quit()]);
    },
  };
  return bus;
}
