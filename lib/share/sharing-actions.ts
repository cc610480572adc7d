"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "../auth/session";
import { getTranslations } from "../i18n/server";
import { saveSharingMode } from "../team/settings";
import { sharingModeSchema } from "../team/team-policy";

// The admin's sharing setting (Admin → Users): who may open share links.

export interface SharingFormState {
  ok?: boolean;
  message?: string;
}

export async function saveSharingAction(_prev: SharingFormState, form: FormData): Promise<SharingFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.sharing");
  const mode = sharingModeSchema.safeParse(form.get("sharing"));
  if (!mode.success) return { ok: false, message: t("invalid") };
  await saveSharingMode(mode.data);
  revalidatePath("/admin/users");
  // The Share button comes and goes with it on every chat page.
  revalidatePath("/", "layout");
  return { ok: true, message: t(`saved.${mode.data}`) };
}
