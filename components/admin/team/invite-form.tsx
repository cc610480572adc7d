"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { createInviteAction } from "@/app/(admin)/admin/users/actions";
import { CopyButton } from "@/components/chat/copy-button";
import { Alert } from "@/components/ui/alert";
import { Input } from "@/components/ui/input";
import { formKey, sentText } from "@/lib/shared/form-state";
import { ROLES } from "@/lib/shared/roles";
import { INVITE_VALIDITY_DAYS } from "@/lib/shared/team-policy";
import { Field, SelectField, SubmitRow } from "../field";

/** Makes an invite link; the link is shown here once (the server keeps only its hash). */
export function InviteForm() {
  const t = useTranslations("admin.users");
  const [state, action, pending] = useActionState(createInviteAction, {});
  const invitePath = state.data?.invitePath;
  const link = invitePath ? `${window.location.origin}${invitePath}` : null;
  return (
    <div className="flex flex-col gap-3">
      <form key={formKey(state, "new")} action={action} className="grid gap-3 sm:grid-cols-3" noValidate>
        <Field id="invite-email" label={t("inviteEmail")} error={state.fieldErrors?.email}>
          <Input
            id="invite-email"
            name="email"
            aria-invalid={Boolean(state.fieldErrors?.email)}
            type="email"
            defaultValue={sentText(state, "email")}
            placeholder={t("inviteEmailPlaceholder")}
          />
        </Field>
        <SelectField
          id="invite-role"
          name="role"
          label={t("role")}
          defaultValue={sentText(state, "role") || "member"}
          options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        />
        <SelectField
          id="invite-days"
          name="days"
          label={t("inviteValidFor")}
          defaultValue={sentText(state, "days") || "7"}
          options={INVITE_VALIDITY_DAYS.map((days) => ({ value: String(days), label: t("days", { days }) }))}
        />
        <SubmitRow pending={pending} state={link ? {} : state} label={t("createInvite")} />
      </form>
      {link && (
        <Alert className="flex-col">
          <p>{t("inviteLinkOnce")}</p>
          <div className="flex items-center gap-2">
            <Input
              readOnly
              value={link}
              aria-label={t("inviteLink")}
              onFocus={(e) => e.currentTarget.select()}
              size="sm"
              mono
            />
            <CopyButton text={link} variant="secondary" size="md" />
          </div>
        </Alert>
      )}
    </div>
  );
}
