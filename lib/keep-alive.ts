import "server-only";
import { after } from "next/server";

/**
 * Keeps a serverless function alive until `work` settles (next/server's after); on a long-running
 * server, and outside a request (tests, scripts), the process stays up by itself.
 */
export function keepAlive(work: Promise<unknown>): void {
  try {
    after(() => work);
  } catch {
    // Outside a request scope: nothing to do.
  }
}
