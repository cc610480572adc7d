/**
 * A value kept and shared between turns (a long branch's parsed messages and their conversion
 * for the model) must never be changed in place. Under test it is frozen, deeply, so that a
 * change anywhere (ours or the SDK's) throws; in production freezing would only cost time.
 */
export function frozenInTests<T>(value: T): T {
  if (process.env.NODE_ENV === "test") deepFreeze(value);
  return value;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
}
