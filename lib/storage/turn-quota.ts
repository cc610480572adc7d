import "server-only";
import { assertFits, type StorageFigures } from "./storage";

// The storage check of a chat turn, on figures its single read already has (lib/chat/queries/turn):
// a new conversation past the count, or a message past the bytes, is refused before anything is
// written or sent. The answer is never refused afterwards (its tokens are spent by then), so a
// user can end slightly past the bytes quota; from then on they start no new turn until they
// free space.

/** The bytes a message's parts take as stored (the JSON saveUserTurn writes). */
export function storedBytes(parts: unknown): number {
  return Buffer.byteLength(JSON.stringify(parts));
}

export function assertTurnFits(storage: StorageFigures, turn: { isNew: boolean; message?: { parts: unknown } }): void {
  assertFits(storage, {
    // Every turn adds bytes (at least its answer); a regenerated answer or a tool decision too.
    bytes: turn.message ? storedBytes(turn.message.parts) : 0,
    ...(turn.isNew ? { conversations: 1 } : {}),
  });
}
