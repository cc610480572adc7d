"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "../auth/session";
import { getTranslations } from "../i18n/server";
import { mcpServerInputSchema, mcpToolChoicesSchema } from "./server-schema";
import { deleteMcpServer, discoverMcpTools, forgetMcpServers, saveMcpServer, setMcpToolChoices } from "./servers";

// Server actions behind the admin's MCP page. Each checks the admin itself: an action is an
// endpoint anyone can call, whatever page shows the button. Messages are in the request's language.

export interface McpFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<"name" | "url" | "token", string>>;
  /** What was typed, to show again after a refusal. Never the token. */
  values?: { name?: string; url?: string; enabled?: boolean };
}

const idSchema = z.string().min(1).max(64);

type AdminTranslator = Awaited<ReturnType<typeof getTranslations<"admin">>>;

/**
 * The schema (server-schema.ts) words its messages in English; those an admin can meet are looked
 * up here by field and kind. Anything else keeps Zod's own words.
 */
function issueMessage(issue: z.core.$ZodIssue, t: AdminTranslator): string {
  const field = issue.path[0];
  if (field === "name" && issue.code === "too_small") return t("mcp.errors.nameRequired");
  if (field === "name" && issue.code === "invalid_format") return t("mcp.errors.nameNeedsLetter");
  if (field === "url" && issue.code === "invalid_format") return t("mcp.errors.urlInvalid");
  return issue.message;
}

function changed() {
  forgetMcpServers();
  revalidatePath("/admin/mcp");
}

export async function saveMcpServerAction(_prev: McpFormState, form: FormData): Promise<McpFormState> {
  await requireAdmin();
  const t = await getTranslations("admin");
  const values = {
    name: String(form.get("name") ?? ""),
    url: String(form.get("url") ?? ""),
    enabled: form.get("enabled") !== null,
  };
  const parsed = mcpServerInputSchema.safeParse({ ...values, token: form.get("token") ?? undefined });
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error, (issue) => issueMessage(issue, t)).fieldErrors as Record<
      string,
      string[] | undefined
    >;
    return {
      ok: false,
      fieldErrors: { name: errors.name?.[0], url: errors.url?.[0], token: errors.token?.[0] },
      values,
    };
  }
  const id = idSchema.safeParse(form.get("id"));
  const result = await saveMcpServer(id.success ? id.data : undefined, parsed.data);
  if (result === "missing") return { ok: false, message: t("mcp.errors.missing") };
  if (result === "token-required") {
    return { ok: false, fieldErrors: { token: t("mcp.errors.tokenRequired") }, values };
  }
  if (result === "name-taken") {
    return {
      ok: false,
      fieldErrors: { name: t("mcp.errors.nameTaken") },
      values,
    };
  }
  changed();
  return { ok: true, message: t("mcp.saved", { name: parsed.data.name }) };
}

export async function discoverMcpToolsAction(id: string): Promise<{ ok: boolean; message: string }> {
  await requireAdmin();
  const t = await getTranslations("admin");
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) return { ok: false, message: t("mcp.errors.unknown") };
  const result = await discoverMcpTools(parsed.data);
  changed();
  if (!result.ok) {
    return {
      ok: false,
      message: result.problem === "missing" ? t("mcp.errors.missing") : t(`mcp.problems.${result.problem}`),
    };
  }
  return { ok: true, message: t("mcp.found", { count: result.count }) };
}

export async function saveMcpToolChoicesAction(
  id: string,
  choices: unknown,
): Promise<{ ok: boolean; message: string }> {
  await requireAdmin();
  const t = await getTranslations("admin");
  const parsedId = idSchema.safeParse(id);
  const parsed = mcpToolChoicesSchema.safeParse(choices);
  if (!parsedId.success || !parsed.success) return { ok: false, message: t("mcp.errors.choicesUnreadable") };
  const ok = await setMcpToolChoices(parsedId.data, parsed.data);
  changed();
  return ok ? { ok, message: t("mcp.choicesSaved") } : { ok, message: t("mcp.errors.missing") };
}

export async function deleteMcpServerAction(id: string): Promise<{ ok: boolean }> {
  await requireAdmin();
  const parsed = idSchema.safeParse(id);
  const ok = parsed.success && (await deleteMcpServer(parsed.data));
  changed();
  return { ok };
}
