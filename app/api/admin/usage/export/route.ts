import { adminRoute } from "@/lib/api/route";
import { spendConfig } from "@/lib/spend/config";
import { ledgerCsv } from "@/lib/spend/ledger-csv";
import { rangeFrom } from "@/lib/spend/range";

// The team's ledger over ?from=…&to=… (days in the team's time zone; this month by default).
export const GET = adminRoute(async ({ request }) => {
  const config = await spendConfig();
  const { range } = rangeFrom(Object.fromEntries(new URL(request.url).searchParams), config);
  return new Response(ledgerCsv(config, range), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="glm-chat-ledger-${range.from}-to-${range.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
