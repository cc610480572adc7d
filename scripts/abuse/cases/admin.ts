// Issue #13 item 9: a stored platform key goes only where it was given (a new scheme, host or
// port needs it again), and what tools return is capped before it is saved or sent on.
import { randomUUID } from "node:crypto";
import type { HostileUpstream } from "../../../test/hostile-upstream";
import { callFormAction } from "../actions";
import { chatBody } from "../browser";
import { type Ctx, check, type Outcome } from "../case";
import type { Instance } from "../instance";
import { conversationMessages, kb, upstreamWith } from "./support";

/** An https platform the admin added, changed to http on the same host with the key left out. */
export async function schemeDowngrade(ctx: Ctx): Promise<Outcome> {
  const label = `Abuse ${randomUUID().slice(0, 6)}`;
  const fields = {
    platform: "dashscope",
    label,
    baseUrl: "https://dashscope.abuse.example/compatible-mode/v1",
    apiKey: "sk-abuse-secret",
    enabled: "on",
  };
  await callFormAction(ctx.admin, "/admin/platforms", "saveConnectionAction", fields);
  const { rows } = await ctx.app.db.execute({
    sql: 'SELECT "id" FROM "PlatformConnection" WHERE "label" = ?',
    args: [label],
  });
  const id = rows[0]?.id;
  if (!id) return { status: "not created" };
  await callFormAction(ctx.admin, "/admin/platforms", "saveConnectionAction", {
    ...fields,
    id: String(id),
    baseUrl: "http://dashscope.abuse.example/compatible-mode/v1",
    apiKey: "",
  });
  const after = await ctx.app.db.execute({
    sql: 'SELECT "baseUrl", "enabled" FROM "PlatformConnection" WHERE "id" = ?',
    args: [id],
  });
  const baseUrl = String(after.rows[0]?.baseUrl ?? "");
  // Not left for other cases to offer.
  await ctx.app.db.execute({ sql: 'UPDATE "PlatformConnection" SET "enabled" = 0 WHERE "id" = ?', args: [id] });
  return {
    status: baseUrl.startsWith("https:") ? "refused" : "saved",
    checks: [check("key stays on https", baseUrl.startsWith("https:"), baseUrl)],
  };
}

export const MCP_SERVER = "abuse";
export const HUGE_RESULT_BYTES = 8 * 1024 * 1024;
/** What a tool result may weigh once saved or sent on (read_web_page keeps 20,000 characters). */
export const MAX_TOOL_RESULT_BYTES = 256 * 1024;

/** Test setup: the admin's MCP server with its tool already discovered and offered (no approval). */
export async function registerMcpServer(app: Instance, url: string): Promise<void> {
  const tools = [
    {
      name: "huge_result",
      description: "Returns a very large result.",
      inputSchema: { type: "object", properties: { topic: { type: "string" } }, required: ["topic"] },
      enabled: true,
      askFirst: false,
    },
  ];
  const now = new Date().toISOString().replace("Z", "+00:00");
  await app.db.execute({
    sql: 'INSERT INTO "McpServer" ("id", "name", "url", "enabled", "tools", "discoveredAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
    args: [randomUUID(), MCP_SERVER, url, JSON.stringify(tools), now, now, now],
  });
}

/** An MCP tool answers with 8 MB: what is saved and what goes back to the model is capped. */
export async function hugeMcpResult(ctx: Ctx): Promise<Outcome> {
  const tag = `huge-${randomUUID().slice(0, 8)}`;
  const conversationId = randomUUID();
  const turn = await ctx.attacker.chat(
    chatBody(`Tell me about "${tag}" [[sim:tool:${MCP_SERVER}__huge_result]]`, { conversationId, tools: true }),
  );
  const called = ctx.mcp.calls.some((c) => JSON.stringify(c.args).includes(tag));
  const messages = await conversationMessages(ctx.attacker, conversationId);
  const saved = Buffer.byteLength(JSON.stringify(messages));
  const upstream = Math.max(0, ...upstreamWith(ctx.app, tag).map((r) => Buffer.byteLength(JSON.stringify(r.body))));
  return {
    status: turn.status,
    checks: [
      check("the tool ran", called, called ? "huge_result called" : "the MCP tool was not called"),
      check("saved capped", saved <= MAX_TOOL_RESULT_BYTES, `${kb(saved)} saved`),
      check("sent on capped", upstream <= MAX_TOOL_RESULT_BYTES, `${kb(upstream)} in the next upstream request`),
    ],
  };
}

/** Test setup: the admin adds the hostile upstream as a self-hosted platform; its connection id. */
export async function addHostilePlatform(ctx: Ctx, upstream: HostileUpstream): Promise<string> {
  const label = "Hostile vLLM";
  await callFormAction(ctx.admin, "/admin/platforms", "saveConnectionAction", {
    platform: "openai-compatible",
    label,
    baseUrl: upstream.baseURL,
    apiKey: upstream.apiKey,
    enabled: "on",
  });
  const { rows } = await ctx.app.db.execute({
    sql: 'SELECT "id" FROM "PlatformConnection" WHERE "label" = ?',
    args: [label],
  });
  if (!rows[0]) throw new Error("abuse: the admin could not add the hostile platform");
  return String(rows[0].id);
}

/** The model asks for 50 tool calls in one step: only a few run. */
export async function fiftyToolCalls(ctx: Ctx): Promise<Outcome> {
  const turn = await ctx.attacker.chat(
    chatBody("What time is it, fifty times? [[hostile:tool-calls:50]]", {
      connection: ctx.hostile.connection,
      model: "glm-4.6",
      tools: true,
    }),
  );
  const ran = turn.chunks.filter((c) => c.type === "tool-output-available").length;
  return {
    status: turn.status,
    checks: [check("calls capped", ran > 0 && ran < 50, `${ran} of 50 calls ran`)],
  };
}
