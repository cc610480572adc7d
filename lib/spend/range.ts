import { z } from "zod";
import type { SpendConfig } from "./config";
import { daysBetween } from "./period";
import { type ReportRange, thisMonth } from "./reports";

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
