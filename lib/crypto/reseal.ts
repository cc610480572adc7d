import "server-only";
import { findLegacySealedSecrets, replaceMcpToken, replacePlatformKey } from "./queries";
import { boundTo, isLegacySealed, open, seal } from "./secret-box";

// The data step of the upgrade to v2 sealing: every value sealed as v1 (no binding to its row) is
// opened and sealed again as v2, bound to its row and field. It runs in the app, because only the
// app's environment is sure to hold ENCRYPTION_KEY (the Vercel path migrates from an operator's
// machine that may not): once per server process, the first time it reads the stored platform
// connections (lib/providers/connections). Until then v1 values still open, so nothing waits for
// it. Idempotent, and safe with several instances: a row is rewritten only if it still holds the
// value that was read.

export async function resealLegacySecrets(): Promise<number> {
  const { connections, servers } = await findLegacySealedSecrets();
  let resealed = 0;
  for (const { id, apiKeySealed: sealed } of connections) {
    const value = sealed && sealedAgain(sealed, boundTo("platformKey", id));
    if (!value) continue;
    resealed += await replacePlatformKey(id, sealed, value);
  }
  for (const { id, tokenSealed: sealed } of servers) {
    const value = sealed && sealedAgain(sealed, boundTo("mcpToken", id));
    if (!value) continue;
    resealed += await replaceMcpToken(id, sealed, value);
  }
  return resealed;
}

/** The v2 value, or null when the old one cannot be opened (another ENCRYPTION_KEY: the admin page says so). */
function sealedAgain(sealed: string, binding: string): string | null {
  if (!isLegacySealed(sealed)) return null;
  try {
    return seal(open(sealed, binding), binding);
  } catch {
    return null;
  }
}

// On globalThis: Next.js may bundle the callers into several server chunks.
const store = globalThis as unknown as { glmChatResealed?: Promise<void> };

/** Runs resealLegacySecrets once per process (again later if it failed); never throws. */
export function resealLegacySecretsOnce(): Promise<void> {
  // `next build` tries to prerender pages, which read the connections: no database to touch then.
  if (process.env.NEXT_PHASE === "phase-production-build") return Promise.resolve();
  store.glmChatResealed ??= resealLegacySecrets().then(
    (count) => {
      if (count > 0) console.log(`glm-chat: sealed ${count} stored secret(s) again, bound to their rows (v2)`);
    },
    (error) => {
      store.glmChatResealed = undefined;
      console.error("glm-chat: stored secrets could not be sealed again (they still open as they are)", error);
    },
  );
  return store.glmChatResealed;
}
