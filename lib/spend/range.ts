import { z } from "zod";
import type { SpendConfig } from "./config";
import { daysBetween } from "./period";
import { type LedgerFilter, type ReportRange, thisMonth } from "./reports";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const rangeSchema = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to && daysBetween(r.from, r.to).length <= 366);

/** The days asked for in a page's address (?from=…&to=…); this month when absent or unusable. */
export function rangeFrom(
  params: Record<string, string | string[] | undefined>,
  config: SpendConfig,
): { range: ReportRange; invalid: boolean } {
  if (params.from === undefined && params.to === undefined) return { range: thisMonth(config), invalid: false };
  const parsed = rangeSchema.safeParse(params);
  return parsed.success ? { range: parsed.data, invalid: false } : { range: thisMonth(config), invalid: true };
}

const SOURCES = ["all", "chat", "api"] as const;
const filterSchema = z.object({
  source: z.enum(SOURCES).catch("all"),
  // The select's "all keys" sends an empty value.
  key: z
    .string()
    .max(100)
    .transform((k) => k || null)
    .nullable()
    .catch(null),
});

/**
 * The rows asked for in a page's address (?source=all|chat|api&key=…): all by default. A key
 * counts only if it is one of `keys` (the viewer's own on My usage; "any" for an admin): any other
 * is ignored, so that a report never tells whether someone else's key exists.
 */
export function filterFrom(
  params: Record<string, string | string[] | undefined>,
  keys: readonly { id: string }[] | "any",
): LedgerFilter {
  const { source, key } = filterSchema.parse({ source: params.source, key: params.key ?? null });
  const known = key !== null && (keys === "any" || keys.some((k) => k.id === key));
  return { source, keyId: known ? key : null };
}
