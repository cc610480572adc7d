"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "../auth/session";
import { getTranslations } from "../i18n/server";
import {
  connectionInputSchema,
  createConnection,
  deleteConnection,
  testConnection,
  updateConnection,
} from "./connection-admin";

// Server actions behind the admin's platform page. Each checks the admin itself: an action is an
// endpoint anyone can call, whatever page shows the button. Messages are in the request's language.

export interface ConnectionFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<"platform" | "label" | "baseUrl" | "apiKey", string>>;
  /** What was typed, to show again after a refusal (React resets the form). Never the key. */
  values?: { platform?: string; label?: string; baseUrl?: string; enabled?: boolean };
}

const idSchema = z.string().min(1).max(64);

type AdminTranslator = Awaited<ReturnType<typeof getTranslations<"admin">>>;

/**
 * The schema (connection-admin.ts) words its messages in English; those an admin can meet are
 * looked up here by field and kind. Anything else keeps Zod's own words.
 */
function issueMessage(issue: z.core.$ZodIssue, t: AdminTranslator): string {
  const field = issue.path[0];
  if (field === "label" && issue.code === "too_small") return t("platforms.errors.nameRequired");
  if (field === "baseUrl" && issue.code === "invalid_format") return t("platforms.errors.baseUrlInvalid");
  return issue.message;
}

function fromForm(form: FormData) {
  return connectionInputSchema.safeParse({
    platform: form.get("platform"),
    label: form.get("label"),
    baseUrl: form.get("baseUrl"),
    apiKey: form.get("apiKey") ?? undefined,
    enabled: form.get("enabled") !== null,
  });
}

export async function saveConnectionAction(_prev: ConnectionFormState, form: FormData): Promise<ConnectionFormState> {
  await requireAdmin();
  const t = await getTranslations("admin");
  const parsed = fromForm(form);
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error, (issue) => issueMessage(issue, t)).fieldErrors as Record<
      string,
      string[] | undefined
    >;
    const typedKey = String(form.get("apiKey") ?? "").trim() !== "";
    return {
      ok: false,
      fieldErrors: {
        platform: errors.platform?.[0],
        label: errors.label?.[0],
        baseUrl: errors.baseUrl?.[0],
        apiKey: errors.apiKey?.[0] ?? (typedKey ? t("platforms.errors.keyNotKept") : undefined),
      },
      values: {
        platform: String(form.get("platform") ?? ""),
        label: String(form.get("label") ?? ""),
        baseUrl: String(form.get("baseUrl") ?? ""),
        enabled: form.get("enabled") !== null,
      },
    };
  }
  const id = idSchema.safeParse(form.get("id"));
  try {
    if (id.success) {
      const result = await updateConnection(id.data, parsed.data);
      if (result === "missing") return { ok: false, message: t("platforms.errors.missing") };
      if (result === "key-required") {
        const { platform, label, baseUrl, enabled } = parsed.data;
        return {
          ok: false,
          fieldErrors: { apiKey: t("platforms.errors.keyForNewHost") },
          values: { platform, label, baseUrl, enabled },
        };
      }
    } else {
      await createConnection(parsed.data);
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith("ENCRYPTION_KEY")) {
      return { ok: false, message: t("platforms.errors.encryptionKey", { problem: error.message }) };
    }
    throw error;
  }
  revalidatePath("/admin/platforms");
  return { ok: true, message: t("platforms.saved", { label: parsed.data.label }) };
}

export async function deleteConnectionAction(id: string): Promise<{ ok: boolean }> {
  await requireAdmin();
  const parsed = idSchema.safeParse(id);
  const ok = parsed.success && (await deleteConnection(parsed.data));
  revalidatePath("/admin/platforms");
  return { ok };
}

export async function testConnectionAction(id: string): Promise<{ ok: boolean; message: string }> {
  await requireAdmin();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) {
    const t = await getTranslations("admin");
    return { ok: false, message: t("platforms.errors.unknown") };
  }
  return testConnection(parsed.data);
}
