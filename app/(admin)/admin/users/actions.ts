"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction } from "@/lib/api/action";
import { formText } from "@/lib/api/form-fields";
import { setUserApiAccess } from "@/lib/keys/keys";
import { roleSchema } from "@/lib/shared/roles";
import { sharingModeSchema, signUpModeSchema } from "@/lib/shared/team-policy";
import { createInvite, inviteInputSchema, revokeInvite } from "@/lib/team/invites";
import { type MemberRefusal, revokeSessions, setDisabled, setRole } from "@/lib/team/members";
import { saveSharingMode, saveSignUpMode } from "@/lib/team/settings";

// The users page's actions: invites, what an admin changes about a member, who may sign up and
// who may open share links. Each is an admin action (lib/api/action), whatever page shows the
// button, answered in the admin's language.

const idSchema = z.string().min(1).max(64);

export const createInviteAction = adminAction(
  inviteInputSchema.extend({ email: formText.transform((email) => email.trim()).pipe(inviteInputSchema.shape.email) }),
  async (invite, { admin, t }) => {
    const { token } = await createInvite(invite, admin.id);
    revalidatePath("/admin/users");
    // Shown once, as a link on the site's origin (only its hash is kept).
    return { ok: true, message: t("inviteCreated"), data: { invitePath: `/invite/${token}` } };
  },
  {
    messages: "admin.users",
    issue: (issue, t) => (issue.path[0] === "email" ? t("errors.email") : undefined),
    invalid: (_issues, t) => ({ message: t("errors.invite") }),
  },
);

export const revokeInviteAction = adminAction(
  idSchema,
  async (id, { t }) => {
    if (!(await revokeInvite(id))) return { ok: false, message: t("errors.inviteGone") };
    revalidatePath("/admin/users");
    return { ok: true, message: t("inviteRevoked") };
  },
  { messages: "admin.users", invalid: (_issues, t) => ({ message: t("errors.inviteGone") }) },
);

const memberChange = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("role"), id: idSchema, role: roleSchema }),
  z.object({ kind: z.literal("disable"), id: idSchema }),
  z.object({ kind: z.literal("enable"), id: idSchema }),
  z.object({ kind: z.literal("signOut"), id: idSchema }),
  z.object({ kind: z.literal("apiOff"), id: idSchema }),
  z.object({ kind: z.literal("apiOn"), id: idSchema }),
]);
export type MemberChange = z.input<typeof memberChange>;

export const changeMemberAction = adminAction(
  memberChange,
  async (change, { admin, t }) => {
    let refusal: MemberRefusal | null;
    switch (change.kind) {
      case "role":
        refusal = await setRole(change.id, change.role);
        break;
      case "disable":
        refusal = await setDisabled(change.id, true, admin.id);
        break;
      case "enable":
        refusal = await setDisabled(change.id, false, admin.id);
        break;
      case "signOut":
        refusal = await revokeSessions(change.id);
        break;
      case "apiOff":
      case "apiOn":
        // Their personal API keys answer 403 while it is off (lib/keys/authenticate).
        refusal = (await setUserApiAccess(change.id, change.kind === "apiOn")) ? null : "notFound";
        break;
    }
    if (refusal) return { ok: false, message: t(`errors.member.${refusal}`) };
    revalidatePath("/admin/users");
    return { ok: true, message: t(`changed.${change.kind}`) };
  },
  { messages: "admin.users", invalid: (_issues, t) => ({ message: t("errors.member.notFound") }) },
);

export const saveSignUpAction = adminAction(
  z.object({ signUp: signUpModeSchema }),
  async ({ signUp }, { t }) => {
    await saveSignUpMode(signUp);
    revalidatePath("/admin/users");
    return { ok: true, message: t(`signUpSaved.${signUp}`) };
  },
  { messages: "admin.users", invalid: (_issues, t) => ({ message: t("errors.signUp") }) },
);

/** Who may open share links (lib/share/access). */
export const saveSharingAction = adminAction(
  z.object({ sharing: sharingModeSchema }),
  async ({ sharing }, { t }) => {
    await saveSharingMode(sharing);
    revalidatePath("/admin/users");
    // The Share button comes and goes with it on every chat page.
    revalidatePath("/", "layout");
    return { ok: true, message: t(`saved.${sharing}`) };
  },
  { messages: "admin.sharing", invalid: (_issues, t) => ({ message: t("invalid") }) },
);
