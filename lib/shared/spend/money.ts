// Money as the interface shows it, from integer micro-units: cents, or two significant digits
// below a cent (0.0016), in the reader's locale. Shared by the chat footer and the usage pages.

export const MICROS = 1_000_000;

export function formatMoney(micros: number, currency: string, locale: string): string {
  const amount = micros / MICROS;
  const small = amount !== 0 && Math.abs(amount) < 0.01;
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    ...(small ? { maximumSignificantDigits: 2 } : { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  }).format(amount);
}

/** A money amount typed by an admin in whole units ("12.5") as micro-units; null when blank. */
export function parseMoney(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > 1e9) return "invalid";
  return Math.round(value * MICROS);
}
