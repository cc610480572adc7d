import "server-only";
import { hasAnyAccount } from "./queries/accounts";
import { setupMessage } from "./setup-token";

/**
 * At start (instrumentation.ts): while the team has no account, prints the set-up link with
 * which its first account, the admin, is made. One read of at most one row.
 */
export async function announceSetupLink(): Promise<void> {
  try {
    if (await hasAnyAccount()) return;
  } catch (error) {
    // No database yet (migrations not applied): the sign-up page will say what to do.
    console.warn("glm-chat: could not check for a first account:", (error as Error).message);
    return;
  }
  const message = setupMessage();
  if (message) console.log(message.replace(/^/gm, "glm-chat: "));
}
