import { randomUUID } from "node:crypto";
import { createClient } from "@libsql/client";
import { expect, type Page } from "@playwright/test";
import { send } from "./fixtures";

// What the database holds for a conversation's answers: the checks of tests that run their own
// app instances (several on one database, or one killed mid-answer) read it directly.

export interface SavedAnswer {
  id: string;
  status: string;
  /** Its text parts, joined. */
  text: string;
  /** Its ledger rows. */
  usage: { purpose: string; estimated: boolean; outputTokens: number }[];
}

export async function savedAnswers(databaseUrl: string, conversationId: string): Promise<SavedAnswer[]> {
  const db = createClient({ url: databaseUrl });
  try {
    const messages = await db.execute({
      sql: `SELECT "id", "status", "parts" FROM "Message" WHERE "conversationId" = ? AND "role" = 'assistant' ORDER BY "createdAt"`,
      args: [conversationId],
    });
    const usage = await db.execute({
      sql: `SELECT "messageId", "purpose", "estimated", "outputTokens" FROM "Usage" WHERE "conversationId" = ?`,
      args: [conversationId],
    });
    return messages.rows.map((row) => {
      const parts = JSON.parse(String(row.parts)) as { type: string; text?: string }[];
      return {
        id: String(row.id),
        status: String(row.status),
        text: parts
          .filter((p) => p.type === "text")
          .map((p) => p.text ?? "")
          .join(""),
        usage: usage.rows
          .filter((u) => u.messageId === row.id)
          .map((u) => ({
            purpose: String(u.purpose),
            estimated: Number(u.estimated) === 1,
            outputTokens: Number(u.outputTokens),
          })),
      };
    });
  } finally {
    db.close();
  }
}

/** The conversation id of a chat page's address. */
export function conversationIdOf(url: string): string {
  const id = /\/chat\/([0-9a-f-]{36})$/.exec(new URL(url).pathname)?.[1];
  if (!id) throw new Error(`not a conversation's address: ${url}`);
  return id;
}

/**
 * Sends a slow story (thinking off) and waits for its first words: an answer long enough to act
 * on mid-way. Returns the tag in its prompt (the simulator's call is found by it) and its
 * conversation.
 */
export async function startSlowStory(page: Page): Promise<{ tag: string; conversationId: string }> {
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  const tag = randomUUID().slice(0, 8);
  await send(page, `Tell me a long story ${tag} [[sim:slow]]`);
  await expect(page.getByTestId("answer")).toContainText("It comes from");
  return { tag, conversationId: conversationIdOf(page.url()) };
}
