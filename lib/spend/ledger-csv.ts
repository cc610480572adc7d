import "server-only";
import { MICROS } from "../shared/spend/money";
import type { SpendConfig } from "./config";
import { rangeBounds } from "./period";
import { ledgerPage } from "./queries/reports";
import { ALL_LEDGER, type LedgerFilter, type ReportRange } from "./reports";

// The ledger as CSV for an admin: every row of the days (that the filter lets through), oldest first, streamed a page at a time
// (a team's month can be large), with the user's email. Cells that a spreadsheet would run as a
// formula are quoted as text.

const COLUMNS = [
  "time_utc",
  "user_email",
  "user_id",
  "conversation_id",
  "message_id",
  "purpose",
  "platform",
  "requested_model",
  "answered_model",
  "input_tokens",
  "output_tokens",
  "reasoning_tokens",
  "cached_input_tokens",
  "total_tokens",
  "estimated",
  "cost",
  "currency",
  "cost_source",
  "multiplier",
  "price_id",
  "api_key_id",
] as const;

const PAGE = 1000;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function ledgerCsv(
  config: SpendConfig,
  range: ReportRange,
  filter: LedgerFilter = ALL_LEDGER,
): ReadableStream<Uint8Array> {
  const bounds = rangeBounds(range, config.timeZone);
  const encoder = new TextEncoder();
  let after: { createdAt: string; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(`${COLUMNS.join(",")}\n`));
        return;
      }
      const rows = await ledgerPage(bounds, after, PAGE, filter);
      const lines = rows.map((r) =>
        [
          new Date(String(r.createdAt)).toISOString(),
          r.email,
          r.userId,
          r.conversationId,
          r.messageId,
          r.purpose,
          r.platform,
          r.requestedModel,
          r.answeredModel,
          r.inputTokens,
          r.outputTokens,
          r.reasoningTokens,
          r.cachedInputTokens,
          r.totalTokens,
          Number(r.estimated) ? "true" : "false",
          r.costMicros === null ? null : (Number(r.costMicros) / MICROS).toFixed(6),
          r.currency,
          r.costSource,
          r.multiplier,
          r.priceId,
          r.apiKeyId,
        ]
          .map(csvCell)
          .join(","),
      );
      if (lines.length) controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      const last = rows.at(-1);
      if (rows.length < PAGE || !last) {
        controller.close();
        return;
      }
      after = { createdAt: String(last.createdAt), id: String(last.id) };
    },
  });
}
