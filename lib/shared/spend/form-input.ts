import { currencySchema, type MultiplierWindow, multiplierWindowSchema } from "./price-schema";

// What an admin types into the prices and budgets forms, read into values (or "invalid", which
// the form shows next to the field). Pure, so each reading is tested on its own.

type Read<T> = T | "invalid";

/** A whole number of at least 1, or null when blank. */
export function readCount(text: string): Read<number | null> {
  const trimmed = text.trim().replace(/[,_\s]/g, "");
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= 1 ? value : "invalid";
}

/** A monthly budget: a whole number of at least 0 (0 stops all spending), or null when blank. */
export function readBudget(text: string): Read<number | null> {
  const trimmed = text.trim().replace(/[,_\s]/g, "");
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= 0 ? value : "invalid";
}

/** A price per 1M tokens: a number of at least 0. */
export function readPrice(text: string): Read<number> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed !== "" && Number.isFinite(value) && value >= 0 && value <= 1_000_000 ? value : "invalid";
}

/** "USD = 7.2" per line → { USD: 7.2 }. */
export function readRates(text: string): Read<Record<string, number>> {
  const rates: Record<string, number> = {};
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{3})\s*[=:]\s*([0-9.]+)$/.exec(line);
    const code = match && currencySchema.safeParse(match[1]);
    const value = match ? Number(match[2]) : Number.NaN;
    if (!code?.success || !(value > 0) || !Number.isFinite(value)) return "invalid";
    rates[code.data] = value;
  }
  return rates;
}

/** "+08:00", "UTC+8", "-05:30" → minutes east of UTC. */
export function readOffset(text: string): Read<number> {
  const match = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(text.trim());
  if (!match) return text.trim() === "" || /^(UTC|GMT|Z)$/i.test(text.trim()) ? 0 : "invalid";
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 14 * 60) return "invalid";
  return match[1] === "-" ? -minutes : minutes;
}

/** An offset in minutes as the form shows it: "+08:00". */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const MAX_WINDOW_LINE = 64;

/** "14:00-18:00 = 3" per line → windows. */
export function readWindows(text: string): Read<MultiplierWindow[]> {
  const windows: MultiplierWindow[] = [];
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    // A window's line is short; a longer one is refused before the pattern (quadratic on long runs of spaces).
    if (line.length > MAX_WINDOW_LINE) return "invalid";
    const match = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s*[=:x×]?\s*([0-9.]+)\s*x?$/i.exec(line);
    if (!match) return "invalid";
    const pad = (clock: string) => clock.padStart(5, "0");
    const parsed = multiplierWindowSchema.safeParse({
      from: pad(match[1]),
      to: pad(match[2]),
      multiplier: Number(match[3]),
    });
    if (!parsed.success) return "invalid";
    windows.push(parsed.data);
  }
  return windows;
}
