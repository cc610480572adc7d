import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestMcpServer, type TestMcpServer } from "@/test/mcp-server";
import { createTestDatabase } from "@/test/test-db";
import { ToolError } from "../tools/tool-error";

// The admin's MCP servers against a real MCP server (the protocol's SDK) and a real database:
// discovery, the admin's choices, tokens, and the tools a turn offers and runs.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let servers: typeof import("./servers");
let turnTools: typeof import("./turn-tools");
let db: typeof import("../db/client").db;
let open: TestMcpServer;
let guarded: TestMcpServer;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("ENCRYPTION_KEY", "unit-test-encryption-key-0123456789");
  servers = await import("./servers");
  turnTools = await import("./turn-tools");
  db = (await import("../db/client")).db;
  open = await startTestMcpServer();
  guarded = await startTestMcpServer({ token: "s3cret-token-value" });
});

afterAll(async () => {
  await db?.$disconnect();
  await open?.close();
  await guarded?.close();
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

async function idOf(name: string): Promise<string> {
  return (await db.mcpServer.findUniqueOrThrow({ where: { name } })).id;
}

describe("MCP servers", () => {
  it("discovers tools (off and ask-first by default) and keeps the admin's choices on rediscovery", async () => {
    expect(await servers.saveMcpServer(undefined, { name: "Orders", url: open.url, enabled: true })).toBe("saved");
    const id = await idOf("Orders");
    expect(await servers.discoverMcpTools(id)).toEqual({ ok: true, count: 3 });
    let [row] = (await servers.mcpServerRows()).filter((r) => r.name === "Orders");
    expect(row.tools.map((t) => [t.modelName, t.enabled, t.askFirst])).toEqual([
      ["orders__lookup_order", false, true],
      ["orders__add", false, true],
      ["orders__broken", false, true],
    ]);
    expect(row.tools[0].inputSchema).toMatchObject({
      properties: { orderId: { type: "string" } },
      required: ["orderId"],
    });
    expect(await servers.enabledMcpServers()).toEqual([]);

    await servers.setMcpToolChoices(id, { add: { enabled: true, askFirst: false } });
    await servers.discoverMcpTools(id);
    [row] = (await servers.mcpServerRows()).filter((r) => r.name === "Orders");
    expect(row.tools.find((t) => t.name === "add")).toMatchObject({ enabled: true, askFirst: false });
    const enabled = await servers.enabledMcpServers();
    expect(enabled.map((s) => s.tools.map((t) => t.name))).toEqual([["add"]]);
  });

  it("refuses a second server whose tools would get the same prefix", async () => {
    expect(await servers.saveMcpServer(undefined, { name: "orders!", url: open.url, enabled: true })).toBe(
      "name-taken",
    );
  });

  it("sends the sealed token, and says so when the server refuses or cannot be reached", async () => {
    await servers.saveMcpServer(undefined, { name: "Guarded", url: guarded.url, enabled: true });
    const id = await idOf("Guarded");
    expect(await servers.discoverMcpTools(id)).toEqual({ ok: false, problem: "refused" });
    expect((await db.mcpServer.findUniqueOrThrow({ where: { id } })).tokenSealed).toBeNull();
    await servers.saveMcpServer(id, { name: "Guarded", url: guarded.url, enabled: true, token: "s3cret-token-value" });
    const stored = await db.mcpServer.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenSealed).not.toContain("s3cret");
    expect(stored.tokenHint).toBe("••••alue");
    expect(await servers.discoverMcpTools(id)).toEqual({ ok: true, count: 3 });
    // Pointed at another host, scheme or port, the token is not carried along: it must be entered again.
    const moved = new URL(guarded.url);
    const elsewhere = [
      "https://elsewhere.example/mcp",
      guarded.url.replace(/^http:/, "https:"),
      guarded.url.replace(`:${moved.port}/`, `:${Number(moved.port) + 1}/`),
    ];
    for (const url of elsewhere) {
      expect(url).not.toBe(guarded.url);
      expect(await servers.saveMcpServer(id, { name: "Guarded", url, enabled: true })).toBe("token-required");
    }
    expect((await db.mcpServer.findUniqueOrThrow({ where: { id } })).url).toBe(guarded.url);
    // Another path on the same origin keeps it; and so does a new token typed for the new place.
    const samePlace = `${moved.origin}/mcp?v=2`;
    expect(await servers.saveMcpServer(id, { name: "Guarded", url: samePlace, enabled: true })).toBe("saved");
    expect((await db.mcpServer.findUniqueOrThrow({ where: { id } })).tokenSealed).toBe(stored.tokenSealed);
    expect(await servers.saveMcpServer(id, { name: "Guarded", url: guarded.url, enabled: true })).toBe("saved");

    await servers.saveMcpServer(undefined, { name: "Gone", url: "http://127.0.0.1:9/mcp", enabled: true });
    expect(await servers.discoverMcpTools(await idOf("Gone"))).toEqual({ ok: false, problem: "unreachable" });
  });

  it("offers enabled tools without connecting, and runs one on the server when called", async () => {
    const id = await idOf("Orders");
    await servers.setMcpToolChoices(id, {
      lookup_order: { enabled: true, askFirst: true },
      broken: { enabled: true, askFirst: false },
    });
    const before = open.calls.length;
    const { tools, close } = turnTools.mcpTools(
      (await servers.enabledMcpServers()).filter((s) => s.name === "Orders"),
      new AbortController().signal,
    );
    expect(Object.keys(tools).sort()).toEqual(["orders__add", "orders__broken", "orders__lookup_order"]);
    expect(tools.orders__lookup_order.needsApproval).toBe(true);
    expect(tools.orders__add.needsApproval).toBe(false);
    expect(open.calls.length).toBe(before);

    const options = { toolCallId: "call_1", messages: [] };
    await expect(tools.orders__lookup_order.execute?.({ orderId: "A-42" }, options)).resolves.toBe(
      "Order A-42 shipped on 2026-11-20 and arrives tomorrow.",
    );
    await expect(tools.orders__add.execute?.({ a: 2, b: 40 }, options)).resolves.toBe("42");
    // A tool's own error is its result for the model and the card, not a failed answer.
    await expect(tools.orders__broken.execute?.({ reason: "maintenance" }, options)).rejects.toEqual(
      new ToolError("The inventory database is down (maintenance)."),
    );
    expect(open.calls.slice(before)).toEqual([
      { name: "lookup_order", args: { orderId: "A-42" } },
      { name: "add", args: { a: 2, b: 40 } },
      { name: "broken", args: { reason: "maintenance" } },
    ]);
    await close();
  });

  it("turns an unreachable server into the tool's error", async () => {
    const id = await idOf("Gone");
    await db.mcpServer.update({
      where: { id },
      data: { tools: [{ name: "ping", inputSchema: { type: "object" }, enabled: true, askFirst: false }] },
    });
    const gone = (await servers.enabledMcpServers()).filter((s) => s.name === "Gone");
    const { tools } = turnTools.mcpTools(gone, new AbortController().signal);
    await expect(tools.gone__ping.execute?.({}, { toolCallId: "c", messages: [] })).rejects.toEqual(
      new ToolError("Gone: The server could not be reached."),
    );
  });
});
