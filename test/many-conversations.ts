import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";

// A user with a long list of conversations, cheaply: empty conversations written straight into
// the database, older than any they have. For e2e tests and benches (the app instance's file):
// plain SQL, no app module.

/**
 * Writes `count` conversations titled "<prefix> 1" (the newest) to "<prefix> <count>" (the
 * oldest), each a minute older than the last, for a user (or the owner of `conversationId`);
 * `pinned` are pinned. Returns their ids, newest first.
 */
export async function seedConversations(
  databaseUrl: string,
  options: ({ userId: string } | { conversationId: string }) & { count: number; prefix: string; pinned?: number[] },
): Promise<string[]> {
  const { count, prefix, pinned = [] } = options;
  const db = createClient({ url: databaseUrl });
  try {
    const userId =
      "userId" in options
        ? options.userId
        : (
            await db.execute({
              sql: 'SELECT "userId" FROM "Conversation" WHERE "id" = ?',
              args: [options.conversationId],
            })
          ).rows[0]?.userId;
    if (userId == null) throw new Error("no such conversation");
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().replace("Z", "+00:00");
    const ids = Array.from({ length: count }, () => randomUUID());
    await db.batch(
      ids.map((id, i) => ({
        sql: `INSERT INTO "Conversation" ("id", "userId", "title", "model", "platform", "pinnedAt", "createdAt", "updatedAt")
          VALUES (?, ?, ?, 'glm-5.1', 'dashscope', ?, ?, ?)`,
        args: [id, userId, `${prefix} ${i + 1}`, pinned.includes(i + 1) ? at(0) : null, at(i + 1), at(i + 1)],
      })),
      "write",
    );
    return ids;
  } finally {
    db.close();
  }
}
