import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { startTestMcpServer, type TestMcpServer } from "../test/mcp-server";
import { expectAccessible } from "./axe";
import { expect, send, signIn, signUp, anonymousTest as test } from "./fixtures";
import { ADMIN } from "./servers";

// MCP: an admin connects a test MCP server (started by this test, the protocol's own SDK), picks
// its tools; a member's chat offers them, and a tool marked "ask first" waits for Approve/Deny.

let mcp: TestMcpServer;
test.beforeAll(async () => {
  mcp = await startTestMcpServer();
});
test.afterAll(async () => {
  await mcp?.close();
});

/** As the admin: connects the test server under a fresh name and offers lookup_order (ask first). */
async function connectServer(page: Page): Promise<string> {
  const name = `Orders ${randomUUID().slice(0, 6)}`;
  await signIn(page, ADMIN);
  await page.goto("/admin/mcp");
  const form = page.locator("form").filter({ hasText: "Add MCP server" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("URL (Streamable HTTP)").fill(mcp.url);
  await form.getByRole("button", { name: "Add MCP server" }).click();
  const server = page.getByRole("listitem", { name });
  await server.getByRole("button", { name: "Discover tools" }).click();
  await expect(server.getByTestId("mcp-result")).toHaveText("Found 3 tools.");
  const slug = name.toLowerCase().replace(" ", "_");
  await expect(server.getByRole("cell", { name: `${slug}__lookup_order` })).toBeVisible();
  // New tools start off and "ask first".
  await expect(server.getByLabel("Offer lookup_order")).not.toBeChecked();
  await expect(server.getByLabel("Ask before lookup_order runs")).toBeChecked();
  await server.getByLabel("Offer lookup_order").check();
  await server.getByLabel("Offer add").check();
  await server.getByLabel("Ask before add runs").uncheck();
  await server.getByRole("button", { name: "Save tool choices" }).click();
  await expect(server.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expectAccessible(page, "admin MCP servers");
  await page.context().clearCookies();
  return slug;
}

test("an admin's MCP tool asks first; approving runs it on the MCP server and the answer goes on", async ({ page }) => {
  const slug = await connectServer(page);
  await signUp(page);
  const before = mcp.calls.length;
  await send(page, `Where is order "A-42"? [[sim:tool:${slug}__lookup_order]]`);
  const answer = page
    .getByTestId("message")
    .filter({ has: page.getByTestId("tool-card") })
    .last();
  const card = answer.getByTestId("tool-card");
  await expect(card).toContainText(`${slug}__lookup_order`);
  await expect(card.getByTestId("tool-status")).toHaveText("Waiting for approval");
  await expect(card.getByTestId("tool-arguments")).toContainText('"orderId": "A-42"');
  await expectAccessible(page, "tool call waiting for approval");
  // Nothing ran yet, and a reload keeps the question.
  expect(mcp.calls.length).toBe(before);
  await page.reload();
  await card.getByRole("button", { name: "Approve" }).click();

  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await expect(answer.getByTestId("answer").last()).toContainText("Order A-42 shipped on 2026-11-20");
  await expect(card.getByTestId("tool-duration")).toHaveText(/^\d+ ms$|^[\d.]+ s$/);
  expect(mcp.calls.slice(before)).toEqual([{ name: "lookup_order", args: { orderId: "A-42" } }]);
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // The same answer, continued: one message, its card and answer as they were after a reload.
  await page.reload();
  await expect(page.getByTestId("message").filter({ hasText: "Order A-42 shipped" })).toHaveCount(1);
  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await card.getByText("Result").click();
  await expect(card.getByTestId("tool-result")).toHaveText("Order A-42 shipped on 2026-11-20 and arrives tomorrow.");
  await expect(card.getByTestId("tool-duration")).toBeVisible();
});

test("a call waiting for approval survives a reload, and so does the answer that goes on after it", async ({
  page,
}) => {
  const slug = await connectServer(page);
  await signUp(page);
  await page.getByRole("switch", { name: "Thinking" }).uncheck();
  // Paced, so that the answer after the tool's result is still being written at the reload.
  await send(page, `Where is order "C-9"? [[sim:tool:${slug}__lookup_order]] [[sim:pace:150]]`);
  const card = page.getByTestId("tool-card");
  await expect(card.getByTestId("tool-status")).toHaveText("Waiting for approval");
  await page.reload();
  await card.getByRole("button", { name: "Approve" }).click();

  const answer = page.getByTestId("message").last();
  await expect(answer.getByTestId("answer")).toContainText("tool returned");
  await page.reload();
  // Followed on from its start: the call once, then the rest of the answer, live.
  await expect(answer).toHaveAttribute("data-status", "streaming");
  await expect(answer).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await expect(answer.getByTestId("answer")).toHaveCount(1);
  await expect(answer.getByTestId("answer")).toContainText("Order C-9 shipped on 2026-11-20");
  await expect(answer.getByTestId("answer")).toContainText("Done.");
  await expect(page.getByTestId("message")).toHaveCount(2);
  expect(
    mcp.calls.filter((c) => JSON.stringify(c) === JSON.stringify({ name: "lookup_order", args: { orderId: "C-9" } })),
  ).toHaveLength(1);
});

test("denying a call does not run it and the model is told", async ({ page }) => {
  const slug = await connectServer(page);
  await signUp(page);
  const before = mcp.calls.length;
  await send(page, `Where is order "B-7"? [[sim:tool:${slug}__lookup_order]]`);
  const card = page.getByTestId("tool-card").last();
  await card.getByRole("button", { name: "Deny" }).click();
  await expect(card.getByTestId("tool-status")).toHaveText("Denied");
  await expect(page.getByTestId("answer").last()).toContainText("The user denied this tool call.");
  expect(mcp.calls.length).toBe(before);
  await page.reload();
  await expect(page.getByTestId("tool-card").last().getByTestId("tool-status")).toHaveText("Denied");
});

test("a tool that does not ask first runs at once", async ({ page }) => {
  const slug = await connectServer(page);
  await signUp(page);
  await send(page, `Add them [[sim:tool:${slug}__add]]`);
  const card = page.getByTestId("tool-card").last();
  await expect(card.getByTestId("tool-status")).toHaveText("Done");
  await expect(card.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByTestId("answer").last()).toContainText(`The ${slug}__add tool returned: 2`);
});

test("a member cannot open the MCP admin page", async ({ page }) => {
  await signUp(page);
  expect((await page.goto("/admin/mcp"))?.status()).toBe(404);
});
