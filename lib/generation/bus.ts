import "server-only";
import type { Publisher, Subscriber } from "resumable-stream/generic";
import { memoryBus } from "./memory-bus";
import { redisBus } from "./redis-bus";

// Where the live state of generations meets: pub/sub channels (the live tail, stop signals) and
// short-lived keys (leases of running generations). In this process for the embedded default
// (one server); through Redis when REDIS_URL is set, so that several instances share it.

export interface LiveBus {
  /** "memory" or "redis": what README's deployment table calls them. */
  readonly kind: "memory" | "redis";
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` with every message on `channel` until the returned function is called. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  incr(key: string): Promise<number>;
  decr(key: string): Promise<number>;
  del(key: string): Promise<void>;
  /**
   * Adds `member` to the set `key` unless it already holds `most` members that are not expired;
   * each member lives `ttlMs` unless added again. True when added.
   */
  claim(key: string, member: string, most: number, ttlMs: number): Promise<boolean>;
  /** Removes `member` from the set `key`. */
  unclaim(key: string, member: string): Promise<void>;
  /** Resumable-stream's view of the bus (lib/generation/streams). */
  readonly publisher: Publisher;
  readonly subscriber: Subscriber;
  /** Lets go of the bus's connections and timers (tests; a server keeps its bus for life). */
  close(): Promise<void>;
}

const globalForBus = globalThis as unknown as { glmLiveBus?: LiveBus };

/** The process's bus: Redis with REDIS_URL, else memory. */
export function liveBus(): LiveBus {
  globalForBus.glmLiveBus ??= process.env.REDIS_URL ? redisBus(process.env.REDIS_URL) : memoryBus();
  return globalForBus.glmLiveBus;
}
