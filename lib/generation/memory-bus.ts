import "server-only";
import type { LiveBus } from "./bus";

// The live bus of a single server: channels and keys in this process. Messages are delivered on
// a later microtask, as a network bus would, so that no publisher runs a subscriber's code
// inside its own call.

/** Keys are kept at most this long here, whatever was asked (resumable-stream asks a day). */
const MOST_TTL_MS = 15 * 60_000;

export function memoryBus(): LiveBus {
  const channels = new Map<string, Set<(message: string) => void>>();
  const keys = new Map<string, { value: string; expires: number }>();
  const sets = new Map<string, Map<string, number>>();

  const read = (key: string) => {
    const entry = keys.get(key);
    if (entry && entry.expires <= Date.now()) keys.delete(key);
    return entry && entry.expires > Date.now() ? entry.value : null;
  };
  const write = (key: string, value: string, ttlMs: number) => {
    keys.set(key, { value, expires: Date.now() + Math.min(ttlMs, MOST_TTL_MS) });
  };
  // Expired keys go once a minute (a key is also dropped when read after it expired).
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of keys) if (entry.expires <= now) keys.delete(key);
  }, 60_000);
  sweep.unref?.();

  const bus: LiveBus = {
    kind: "memory",
    async publish(channel, message) {
      const listeners = channels.get(channel);
      if (!listeners) return;
      queueMicrotask(() => {
        for (const listener of listeners) listener(message);
      });
    },
    async subscribe(channel, listener) {
      let listeners = channels.get(channel);
      if (!listeners) {
        listeners = new Set();
        channels.set(channel, listeners);
      }
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0 && channels.get(channel) === listeners) channels.delete(channel);
      };
    },
    async get(key) {
      return read(key);
    },
    async set(key, value, ttlMs) {
      write(key, value, ttlMs);
    },
    async incr(key) {
      const current = read(key);
      if (current !== null && !/^-?\d+$/.test(current)) throw new Error("ERR value is not an integer or out of range");
      const next = (current === null ? 0 : Number(current)) + 1;
      const expires = keys.get(key)?.expires;
      keys.set(key, { value: String(next), expires: expires ?? Date.now() + MOST_TTL_MS });
      return next;
    },
    async decr(key) {
      const next = Number(read(key) ?? 0) - 1;
      write(key, String(next), MOST_TTL_MS);
      return next;
    },
    async del(key) {
      keys.delete(key);
    },
    async claim(key, member, most, ttlMs) {
      const now = Date.now();
      let members = sets.get(key);
      if (!members) {
        members = new Map();
        sets.set(key, members);
      }
      for (const [m, expires] of members) if (expires <= now) members.delete(m);
      if (!members.has(member) && members.size >= most) return false;
      members.set(member, now + ttlMs);
      return true;
    },
    async unclaim(key, member) {
      const members = sets.get(key);
      members?.delete(member);
      if (members?.size === 0) sets.delete(key);
    },
    publisher: {
      connect: async () => {},
      publish: (channel, message) => bus.publish(channel, message),
      set: async (key, value, options) => write(key, value, (options?.EX ?? 86_400) * 1000),
      get: async (key) => read(key),
      incr: (key) => bus.incr(key),
    },
    subscriber: {
      connect: async () => {},
      subscribe: async (channel, callback) => {
        await bus.subscribe(channel, callback);
      },
      unsubscribe: async (channel) => {
        channels.delete(channel);
      },
    },
    async close() {
      clearInterval(sweep);
    },
  };
  return bus;
}
