// What the server does once when it starts (instrumentation.ts, Node.js runtime only): the
// environment is checked and what is missing printed. Without what it cannot work with, a
// self-hosted server stops at once with the reason, rather than failing every request; on Vercel
// it says so in the logs (a function cannot refuse to start). A team without accounts gets its
// set-up link, and answers left half-written by a server that stopped are settled.
import { checkEnvironment } from "./env";

export async function startUp(): Promise<void> {
  const { errors, warnings } = checkEnvironment(process.env);
  for (const warning of warnings) console.warn(`glm-chat: ${warning}`);
  for (const error of errors) console.error(`glm-chat: ${error}`);
  if (errors.length > 0 && !process.env.VERCEL && process.env.NODE_ENV === "production") {
    console.error("glm-chat: not starting until the environment is fixed (see above).");
    process.exit(1);
  }
  // A deployment without accounts prints the link that makes its admin. Not awaited: the server
  // need not wait for the database to start.
  const { announceSetupLink } = await import("./team/first-admin");
  void announceSetupLink();
  // Answers a server that stopped left half-written are settled as interrupted (lib/generation).
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    const { watchForDeadAnswers } = await import("./generation/recovery");
    watchForDeadAnswers();
  }
}
