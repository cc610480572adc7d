import "server-only";
import type { BranchRow } from "./turn";

// The long branches this server has read, kept between turns: reading a 2,000-message branch
// takes ~12 ms (SQLite walking the parent links and the rows crossing into JavaScript), most of
// what a long history adds before the upstream call. Every write of a message counts a revision
// of its conversation and stamps the row with it (triggers, migration 20261203170000): a turn
// reads the rows written since the copy's revision in the same round trip as the rest, and the
// copy is brought up to date, whoever wrote them (another instance too). After a delete, or when
// the turn continues a branch the copy does not have, the branch is read again.
//
// Copies are immutable: bringing one up to date makes a new one, so turns of the same
// conversation at once never see each other's half-applied changes.

/** A branch row with the revision that wrote it. */
export type RevisedRow = BranchRow & { revision: number };

export interface CachedBranches {
  /** The conversation's revision the copy is at. */
  revision: number;
  /** The rows read so far (the branches continued), by id. */
  rows: ReadonlyMap<string, RevisedRow>;
  /** What it holds, roughly (sizeOf). */
  bytes: number;
}

/** Branches shorter than this are read each turn: under a millisecond, not worth the memory. */
export const CACHE_FROM = 200;
/** All copies together, roughly (~16 branches like the bench's 2,000 messages); the least recently used go first. */
const MAX_BYTES = 128 * 1024 * 1024;

const ROW_OVERHEAD = 200;
/**
 * A kept row's memory, roughly: its stored text, and what is kept with it (./turn: its parts
 * parsed; lib/chat/context: its lean version and its conversion for the model). Measured on
 * 2,000 messages like the bench's: 9 bytes of heap a character of stored text, besides the text.
 */
const sizeOf = (row: RevisedRow) => ROW_OVERHEAD + 10 * row.partsJson.length;

const copies = new Map<string, CachedBranches>();
let total = 0;

/** Turns served from a copy, and branches read whole (tests and benchmarks read these). */
export const branchCacheStats = { served: 0, read: 0 };

/** The copy of a conversation's branches, if this server has one. */
export function cachedBranches(conversationId: string): CachedBranches | undefined {
  return copies.get(conversationId);
}

/**
 * The copy brought to `revision` with the rows written since its own; null if a message was
 * deleted since (the branch is read again).
 */
export function withChanges(
  copy: CachedBranches,
  changed: readonly RevisedRow[],
  revision: number,
  deletedRevision: number,
): CachedBranches | null {
  if (deletedRevision > copy.revision) return null;
  if (changed.length === 0 && revision <= copy.revision) return copy;
  const rows = new Map(copy.rows);
  let bytes = copy.bytes;
  for (const row of changed) {
    const old = rows.get(row.id);
    // Two turns may bring the same copy up at once: a row keeps its newest version.
    if (old && old.revision >= row.revision) continue;
    rows.set(row.id, row);
    bytes += sizeOf(row) - (old ? sizeOf(old) : 0);
  }
  return { revision: Math.max(revision, copy.revision), rows, bytes };
}

/** A copy of one branch as read at `revision`. */
export function copyOf(branch: readonly RevisedRow[], revision: number): CachedBranches {
  const rows = new Map<string, RevisedRow>();
  let bytes = 0;
  for (const row of branch) {
    rows.set(row.id, row);
    bytes += sizeOf(row);
  }
  return { revision, rows, bytes };
}

/** The branch from a root down to `anchor`, or null if the copy lacks a message of it. */
export function branchTo(copy: CachedBranches, anchor: string): RevisedRow[] | null {
  const up: RevisedRow[] = [];
  let id: string | null = anchor;
  while (id !== null) {
    const row = copy.rows.get(id);
    // A missing row, or a cycle of parents (malformed rows): read from the database.
    if (!row || up.length > copy.rows.size) return null;
    up.push(row);
    id = row.parentId;
  }
  return up.reverse();
}

/** Keeps the copy (if long enough), unless a newer one is kept already. */
export function keepBranches(conversationId: string, copy: CachedBranches): void {
  const kept = copies.get(conversationId);
  if (kept && kept.revision > copy.revision) return;
  if (kept) {
    copies.delete(conversationId);
    total -= kept.bytes;
  }
  if (copy.rows.size < CACHE_FROM || copy.bytes > MAX_BYTES / 4) return;
  copies.set(conversationId, copy);
  total += copy.bytes;
  for (const [id, oldest] of copies) {
    if (total <= MAX_BYTES) break;
    copies.delete(id);
    total -= oldest.bytes;
  }
}

/** Drops a conversation's copy (it is gone). */
export function forgetBranches(conversationId: string): void {
  const kept = copies.get(conversationId);
  if (!kept) return;
  copies.delete(conversationId);
  total -= kept.bytes;
}
