"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { roleSchema } from "../auth/roles";
import { requireAdmin } from "../auth/session";
import { getTranslations } from "../i18n/server";
import { createInvite, inviteInputSchema, revokeInvite } from "./invites";
import { type MemberRefusal, revokeSessions, setDisabled, setRole } from "./members";
import { saveSignUpMode, saveTeamModels } from "./settings";
import { signUpModeSchema, teamModelsSchema } from "./team-policy";

// Server actions behind the admin's users and models pages. Each checks the admin itself (an
// action is an endpoint anyone can call, whatever page shows the button) and answers in the
// admin's language.

export interface TeamFormState {
  ok?: boolean;
  message?: string;
  /** A new invite's path (/invite/<token>): shown once, as a link on the site's origin (only its hash is kept). */
  invitePath?: string;
  fieldErrors?: Record<string, string | undefined>;
  /** The invite form as sent, to show again after a refusal (React resets a form after its action). */
  invite?: { email: string; role: string; days: string };
  /** The models form as sent, likewise. */
  models?: { enabled: string[]; defaultModel: string; defaultConnection: string };
}

const idSchema = z.string().min(1).max(64);

export async function createInviteAction(_prev: TeamFormState, form: FormData): Promise<TeamFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin.users");
  const parsed = inviteInputSchema.safeParse({
    email: String(form.get("email") ?? "").trim(),
    role: form.get("role"),
    days: form.get("days"),
  });
  if (!parsed.success) {
    const email = parsed.error.issues.some((i) => i.path[0] === "email");
    return {
      ok: false,
      fieldErrors: { email: email ? t("errors.email") : undefined },
      message: t("errors.invite"),
      invite: {
        email: String(form.get("email") ?? ""),
        role: String(form.get("role") ?? ""),
        days: String(form.get("days") ?? ""),
      },
    };
  }
  const { token } = await createInvite(parsed.data, admin.id);
  revalidatePath("/admin/users");
  return { ok: true, invitePath: `/invite/${token}`, message: t("inviteCreated") };
}

export async function revokeInviteAction(id: string): Promise<TeamFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.users");
  if (!idSchema.safeParse(id).success || !(await revokeInvite(id)))
    return { ok: false, message: t("errors.inviteGone") };
  revalidatePath("/admin/users");
  return { ok: true, message: t("inviteRevoked") };
}

const memberChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), id: idSchema, role: roleSchema }),
  z.object({ kind: z.literal("disable"), id: idSchema }),
  z.object({ kind: z.literal("enable"), id: idSchema }),
  z.object({ kind: z.literal("signOut"), id: idSchema }),
]);
export type MemberChange = z.input<typeof memberChange>;

export async function changeMemberAction(change: MemberChange): Promise<TeamFormState> {
  const admin = await requireAdmin();
  const t = await getTranslations("admin.users");
  const parsed = memberChange.safeParse(change);
  if (!parsed.success) return { ok: false, message: t("errors.member.notFound") };
  const c = parsed.data;
  let refusal: MemberRefusal | null;
  switch (c.kind) {
    case "role":
      refusal = await setRole(c.id, c.role);
      break;
    case "disable":
      refusal = await setDisabled(c.id, true, admin.id);
      break;
    case "enable":
      refusal = await setDisabled(c.id, false, admin.id);
      break;
    case "signOut":
      refusal = await revokeSessions(c.id);
      break;
  }
  if (refusal) return { ok: false, message: t(`errors.member.${refusal}`) };
  revalidatePath("/admin/users");
  return { ok: true, message: t(`changed.${c.kind}`) };
}

export async function saveSignUpAction(_prev: TeamFormState, form: FormData): Promise<TeamFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.users");
  const mode = signUpModeSchema.safeParse(form.get("signUp"));
  if (!mode.success) return { ok: false, message: t("errors.signUp") };
  await saveSignUpMode(mode.data);
  revalidatePath("/admin/users");
  return { ok: true, message: t(`signUpSaved.${mode.data}`) };
}

export async function saveTeamModelsAction(_prev: TeamFormState, form: FormData): Promise<TeamFormState> {
  await requireAdmin();
  const t = await getTranslations("admin.models");
  const blank = (v: FormDataEntryValue | null) => (typeof v === "string" && v !== "" ? v : null);
  const parsed = teamModelsSchema.safeParse({
    enabledModels: form.getAll("enabled"),
    defaultModel: blank(form.get("defaultModel")),
    defaultConnectionId: blank(form.get("defaultConnection")),
  });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return {
      ok: false,
      message: field === "enabledModels" ? t("errors.noneEnabled") : t("errors.defaultDisabled"),
      models: {
        enabled: form.getAll("enabled").map(String),
        defaultModel: String(form.get("defaultModel") ?? ""),
        defaultConnection: String(form.get("defaultConnection") ?? ""),
      },
    };
  }
  await saveTeamModels(parsed.data);
  revalidatePath("/admin/models");
  revalidatePath("/", "layout");
  return { ok: true, message: t("saved") };
}
