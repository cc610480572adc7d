// Issue #13 item 4: read_web_page fetches only what the user allowed, exactly. The simulated
// model calls the tool with the first quoted text of the message; no page is reachable here, so
// a fetch the tool attempts fails on the name, while a refusal says why it would not fetch.
import { chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import { toolResults } from "./support";

/** How the tool words a refusal by the allow-list (lib/tools/read-web-page.ts). */
export const REFUSED = /only pages|not allowed|was not (given|allowed)|user's messages|allowed (pages|addresses)/i;

function readWebPage(message: string, refusedExpected: boolean) {
  return async ({ attacker }: Ctx): Promise<Outcome> => {
    const turn = await attacker.chat(chatBody(`${message} [[sim:tool:read_web_page]]`, { tools: true }));
    const [result] = toolResults(turn.chunks);
    const said = result?.error ?? (result ? "fetched" : "no tool call");
    const refused = Boolean(result?.error && REFUSED.test(result.error));
    return {
      status: turn.status,
      checks: [check(refusedExpected ? "refused" : "not refused", refused === refusedExpected, said.slice(0, 120))],
    };
  };
}

/** `https://evil.example/a` allowed, the model asks for it with trailing punctuation (a query). */
export const punctuatedVariant = readWebPage(
  "Summarise https://evil.example/a for me. The model asks: 'https://evil.example/a?.;!?).,:'",
  true,
);

/** The address exactly as allowed: the tool goes to fetch it (and fails here, offline). */
export const exactAddress = readWebPage("Summarise 'https://evil.example/a' for me.", false);
