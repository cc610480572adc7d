import { randomUUID } from "node:crypto";
import { createClient, type InStatement } from "@libsql/client";

// A conversation longer than a model's context window, cheaply: a few huge messages written
// straight into the database after its head (no model could have produced them in a test's
// time), the head moved to the last. For unit tests (the test database) and e2e tests (the app
// instance's file) alike: plain SQL, no app module.

/** A text of `tokens` tokens as the simulator counts them (" w" each), and as the app estimates it. */
export const wordsOf = (tokens: number) => Array.from({ length: tokens }, () => "w").join(" ");

/**
 * Appends `pairs` questions and answers of `tokens` tokens each after the conversation's head;
 * returns their ids in order.
 */
export async function seedLongHistory(
  databaseUrl: string,
  { conversationId, pairs, tokens }: { conversationId: string; pairs: number; tokens: number },
): Promise<string[]> {
  const db = createClient({ url: databaseUrl });
  try {
    const head = await db.execute({
      sql: 'SELECT "headId", (SELECT MAX("createdAt") FROM "Message" WHERE "conversationId" = ?) AS "last" FROM "Conversation" WHERE "id" = ?',
      args: [conversationId, conversationId],
    });
    const row = head.rows[0];
    if (!row) throw new Error(`no conversation ${conversationId}`);
    let parentId = row.headId == null ? null : String(row.headId);
    let at = row.last == null ? Date.now() : Date.parse(String(row.last)) + 1;
    const ids: string[] = [];
    const text = wordsOf(tokens);
    // One transaction: a long conversation of short messages is written in a moment.
    const inserts: InStatement[] = [];
    for (let i = 0; i < pairs * 2; i++) {
      const id = randomUUID();
      const role = i % 2 === 0 ? "user" : "assistant";
      const parts =
        role === "user"
          ? [{ type: "text", text: `Long question ${i / 2 + 1}: ${text}` }]
          : [{ type: "step-start" }, { type: "text", text: `Long answer ${(i + 1) / 2}: ${text}`, state: "done" }];
      inserts.push({
        sql: `INSERT INTO "Message" ("id", "conversationId", "parentId", "role", "parts", "status", "model", "createdAt")
          VALUES (?, ?, ?, ?, ?, 'done', ?, ?)`,
        args: [
          id,
          conversationId,
          parentId,
          role,
          JSON.stringify(parts),
          role === "assistant" ? "glm-5.1" : null,
          new Date(at++).toISOString().replace("Z", "+00:00"),
        ],
      });
      ids.push(id);
      parentId = id;
    }
    inserts.push({ sql: 'UPDATE "Conversation" SET "headId" = ? WHERE "id" = ?', args: [parentId, conversationId] });
    await db.batch(inserts, "write");
    return ids;
  } finally {
    db.close();
  }
}
