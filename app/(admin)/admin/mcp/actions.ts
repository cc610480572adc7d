"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formCheckbox } from "@/lib/api/form-fields";
import { deleteMcpServer } from "@/lib/mcp/queries";
import { mcpServerInputSchema, mcpToolChoicesSchema } from "@/lib/mcp/server-schema";
import { discoverMcpTools, forgetMcpServers, saveMcpServer, setMcpToolChoices } from "@/lib/mcp/servers";

// The MCP page's actions: a server, its tools and the admin's choices among them. Each is an
// admin action (lib/api/action), whatever page shows the button; messages are in the admin's language.

const idSchema = z.string().min(1).max(64);

function changed() {
  forgetMcpServers();
  revalidatePath("/admin/mcp");
}

export const saveMcpServerAction = adminAction(
  // Without a readable id, a new server.
  mcpServerInputSchema.extend({ id: idSchema.optional().catch(undefined), enabled: formCheckbox }),
  async ({ id, ...server }, { t }) => {
    const result = await saveMcpServer(id, server);
    if (result === "missing") return { ok: false, message: t("mcp.errors.missing") };
    if (result === "token-required") return { ok: false, fieldErrors: { token: t("mcp.errors.tokenRequired") } };
    if (result === "name-taken") return { ok: false, fieldErrors: { name: t("mcp.errors.nameTaken") } };
    changed();
    return { ok: true, message: t("mcp.saved", { name: server.name }) };
  },
  {
    messages: "admin",
    // The schema (lib/mcp/server-schema) words its messages in English; those an admin can meet
    // are looked up here by field and kind. Anything else keeps Zod's own words.
    issue: (issue, t) => {
      const field = issue.path[0];
      if (field === "name" && issue.code === "too_small") return t("mcp.errors.nameRequired");
      if (field === "name" && issue.code === "invalid_format") return t("mcp.errors.nameNeedsLetter");
      if (field === "url" && issue.code === "invalid_format") return t("mcp.errors.urlInvalid");
      return undefined;
    },
    secret: ["token"],
  },
);

export const discoverMcpToolsAction = adminAction(
  idSchema,
  async (id, { t }) => {
    const result = await discoverMcpTools(id);
    changed();
    if (!result.ok) {
      return {
        ok: false,
        message: result.problem === "missing" ? t("mcp.errors.missing") : t(`mcp.problems.${result.problem}`),
      };
    }
    return { ok: true, message: t("mcp.found", { count: result.count }) };
  },
  { messages: "admin", invalid: (_issues, t) => ({ message: t("mcp.errors.unknown") }) },
);

export const saveMcpToolChoicesAction = adminAction(
  z.object({ id: idSchema, choices: mcpToolChoicesSchema }),
  async ({ id, choices }, { t }) => {
    const ok = await setMcpToolChoices(id, choices);
    changed();
    return ok ? { ok, message: t("mcp.choicesSaved") } : { ok, message: t("mcp.errors.missing") };
  },
  { messages: "admin", invalid: (_issues, t) => ({ message: t("mcp.errors.choicesUnreadable") }) },
);

export const deleteMcpServerAction = adminAction(
  idSchema,
  async (id) => {
    const ok = await deleteMcpServer(id);
    changed();
    return { ok };
  },
  { messages: "admin" },
);
