import "server-only";
import { findLegacyShareTokens, replaceShareTokens } from "./queries";
import { hashShareToken } from "./share-token";

// Links made before share tokens were hashed hold the token itself in Share.token. The first time
// a server process looks a link up, every such row gets the token's hash instead, so the link
// keeps working and the database no longer holds it. This runs in the app rather than in the
// migration because SQLite has no SHA-256, and the app runs on every deployment path (npm start,
// the Docker image, Vercel) whatever applied the migrations. Idempotent, and safe with several
// instances: a row is rewritten only if it still holds the token that was read.

const BATCH = 200;

export async function hashLegacyShareTokens(): Promise<number> {
  const tokens = await findLegacyShareTokens();
  let hashed = 0;
  for (let i = 0; i < tokens.length; i += BATCH) {
    // One transaction per batch: one commit, not one per row.
    const batch = tokens.slice(i, i + BATCH);
    hashed += await replaceShareTokens(batch.map((token) => ({ token, hash: hashShareToken(token) })));
  }
  return hashed;
}

// On globalThis: Next.js may bundle the callers into several server chunks.
const store = globalThis as unknown as { glmChatShareTokensHashed?: Promise<void> };

/** Runs hashLegacyShareTokens once per process (again on the next lookup if it failed). */
export function legacyShareTokensHashed(): Promise<void> {
  store.glmChatShareTokensHashed ??= hashLegacyShareTokens().then(
    (count) => {
      if (count > 0) console.log(`glm-chat: stored ${count} share link token(s) as hashes`);
    },
    (error) => {
      store.glmChatShareTokensHashed = undefined;
      throw error;
    },
  );
  return store.glmChatShareTokensHashed;
}
