"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "../auth/session";
import { getTranslations } from "../i18n/server";
import { upsertStorageQuotas } from "./queries";
import { readQuotaCount, readQuotaMegabytes } from "./quota-input";

// The server action behind the admin's storage page. It checks the admin itself (an action is an
// endpoint anyone can call) and answers in the admin's language.

export interface StorageFormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** What was typed, to show again after a refusal (React resets a form after its action). */
  values?: Record<string, string>;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").slice(0, 100);

export async function saveStorageQuotasAction(_prev: StorageFormState, form: FormData): Promise<StorageFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.storage");
  const values = {
    userBytes: readQuotaMegabytes(text(form, "bytes")),
    userConversations: readQuotaCount(text(form, "conversations")),
    userShares: readQuotaCount(text(form, "shares")),
    userPresets: readQuotaCount(text(form, "presets")),
  };
  const fieldErrors = {
    bytes: values.userBytes === "invalid" ? t("errors.megabytes") : undefined,
    conversations: values.userConversations === "invalid" ? t("errors.count") : undefined,
    shares: values.userShares === "invalid" ? t("errors.count") : undefined,
    presets: values.userPresets === "invalid" ? t("errors.count") : undefined,
  };
  if (Object.values(fieldErrors).some(Boolean)) {
    const typed = Object.fromEntries(["bytes", "conversations", "shares", "presets"].map((n) => [n, text(form, n)]));
    return { ok: false, fieldErrors, values: typed };
  }
  await upsertStorageQuotas(values as { [K in keyof typeof values]: number | null });
  revalidatePath("/admin/storage");
  return { ok: true, message: t("saved") };
}
