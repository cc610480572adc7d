// What an admin types into the storage quotas form, read into values (or "invalid", which the
// form shows next to the field); blank means the default. Pure, so each reading is tested.

type Read<T> = T | "invalid";

const digits = (text: string) => text.trim().replace(/[,_\s]/g, "");

/** A count (conversations, links, presets): a whole number of at least 0, or null when blank. */
export function readQuotaCount(text: string): Read<number | null> {
  const trimmed = digits(text);
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= 0 && value <= 10_000_000 ? value : "invalid";
}

/** Stored data in megabytes (1,000,000 bytes; decimals allowed, at least 1), as bytes; null when blank. */
export function readQuotaMegabytes(text: string): Read<number | null> {
  const trimmed = digits(text);
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= 1 && value <= 1e9 ? Math.round(value * 1_000_000) : "invalid";
}
