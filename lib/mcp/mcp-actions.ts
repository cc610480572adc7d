"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "../auth/session";
import { mcpServerInputSchema, mcpToolChoicesSchema } from "./server-schema";
import { deleteMcpServer, discoverMcpTools, forgetMcpServers, saveMcpServer, setMcpToolChoices } from "./servers";

// Server actions behind the admin's MCP page. Each checks the admin itself: an action is an
// endpoint anyone can call, whatever page shows the button.

export interface McpFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<"name" | "url" | "token", string>>;
  /** What was typed, to show again after a refusal. Never the token. */
  values?: { name?: string; url?: string; enabled?: boolean };
}

const idSchema = z.string().min(1).max(64);

function changed() {
  forgetMcpServers();
  revalidatePath("/admin/mcp");
}

export async function saveMcpServerAction(_prev: McpFormState, form: FormData): Promise<McpFormState> {
  await requireAdmin();
  const values = {
    name: String(form.get("name") ?? ""),
    url: String(form.get("url") ?? ""),
    enabled: form.get("enabled") !== null,
  };
  const parsed = mcpServerInputSchema.safeParse({ ...values, token: form.get("token") ?? undefined });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors as Record<string, string[] | undefined>;
    return {
      ok: false,
      fieldErrors: { name: errors.name?.[0], url: errors.url?.[0], token: errors.token?.[0] },
      values,
    };
  }
  const id = idSchema.safeParse(form.get("id"));
  const result = await saveMcpServer(id.success ? id.data : undefined, parsed.data);
  if (result === "missing") return { ok: false, message: "This MCP server no longer exists." };
  if (result === "name-taken") {
    return {
      ok: false,
      fieldErrors: { name: "Another server has this name (or one that gives its tools the same prefix)." },
      values,
    };
  }
  changed();
  return { ok: true, message: `Saved "${parsed.data.name}". Discover its tools, then choose which the team may use.` };
}

export async function discoverMcpToolsAction(id: string): Promise<{ ok: boolean; message: string }> {
  await requireAdmin();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return { ok: false, message: "Unknown MCP server." };
  const result = await discoverMcpTools(parsed.data);
  changed();
  if (!result.ok) return result;
  return { ok: true, message: `Found ${result.count} tool${result.count === 1 ? "" : "s"}.` };
}

export async function saveMcpToolChoicesAction(
  id: string,
  choices: unknown,
): Promise<{ ok: boolean; message: string }> {
  await requireAdmin();
  const parsedId = idSchema.safeParse(id);
  const parsed = mcpToolChoicesSchema.safeParse(choices);
  if (!parsedId.success || !parsed.success) return { ok: false, message: "These choices could not be read." };
  const ok = await setMcpToolChoices(parsedId.data, parsed.data);
  changed();
  return ok ? { ok, message: "Saved." } : { ok, message: "This MCP server no longer exists." };
}

export async function deleteMcpServerAction(id: string): Promise<{ ok: boolean }> {
  await requireAdmin();
  const parsed = idSchema.safeParse(id);
  const ok = parsed.success && (await deleteMcpServer(parsed.data));
  changed();
  return { ok };
}
