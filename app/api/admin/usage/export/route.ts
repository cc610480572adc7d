import { adminRoute } from "@/lib/api/route";
import { spendConfig } from "@/lib/spend/config";
import { ledgerCsv } from "@/lib/spend/ledger-csv";
import { filterFrom, rangeFrom } from "@/lib/spend/range";

// The team's ledger over ?from=…&to=… (days in the team's time zone; this month by default),
// narrowed as Team usage is by ?source=all|chat|api and ?key=… (any key: the export is an admin's).
export const GET = adminRoute(async ({ request }) => {
  const config = await spendConfig();
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { range } = rangeFrom(params, config);
  return new Response(ledgerCsv(config, range, filterFrom(params, "any")), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="glm-chat-ledger-${range.from}-to-${range.to}.csv"`,
      "cache-control": "no-store",
    },
  });
});
