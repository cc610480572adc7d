import "server-only";
import { releaseStaleReservations } from "./queries/ledger";

/**
 * A request that never settled (its server stopped) holds its budget this long at most: longer
 * than any answer streams (a stall ends one after 90 s without a chunk).
 */
const STALE_RESERVATION_MS = 2 * 60 * 60_000;
let lastSweep = 0;

/**
 * Releases reservations of requests that never settled, and forgets old rate windows: at most
 * once a minute per server, after a response (never on the way to a first token).
 */
export async function sweepReservations(now = Date.now()): Promise<void> {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  await releaseStaleReservations(new Date(now - STALE_RESERVATION_MS), Math.floor(now / 60_000) - 5);
}
