import "server-only";

// A value loaded from the database and kept in memory for a few seconds, for reads on the chat's
// hot path (MCP servers, spend settings). Kept on globalThis: Next.js bundles route handlers and
// server actions apart, and an admin's change made through one must reach the other.

export interface ServerCache<T> {
  /** The value, at most ttl old; an expired one is served while the next loads (a turn never waits but the first). */
  get(): Promise<T>;
  /** After a change: the next get() loads afresh. */
  forget(): void;
}

export function serverCache<T>(key: string, ttlMs: number, load: () => Promise<T>): ServerCache<T> {
  const store = globalThis as unknown as Record<string, { at: number; value: Promise<T> } | undefined>;
  const slot = `glmChatCache:${key}`;
  return {
    get() {
      const cached = store[slot];
      if (cached && Date.now() - cached.at <= ttlMs) return cached.value;
      const value = load();
      value.then(
        () => {
          store[slot] = { at: Date.now(), value };
        },
        () => {},
      );
      if (cached) {
        // Keep serving the old value if the new one fails to load.
        cached.at = Date.now();
        return cached.value;
      }
      store[slot] = { at: Date.now(), value };
      value.catch(() => {
        if (store[slot]?.value === value) store[slot] = undefined;
      });
      return value;
    },
    forget() {
      store[slot] = undefined;
    },
  };
}
