"use client";

import { useTranslations } from "use-intl/react";
import { saveSignUpAction } from "@/app/(admin)/admin/users/actions";
import { SIGN_UP_MODES, type SignUpMode } from "@/lib/shared/team-policy";
import { ChoiceForm } from "../choice-form";

/** Whether anyone who reaches the site may sign up, or only people with an invite link. */
export function SignUpForm({ mode }: { mode: SignUpMode }) {
  const t = useTranslations("admin.users");
  return (
    <ChoiceForm
      name="signUp"
      legend={t("signUpLegend")}
      choices={SIGN_UP_MODES.map((m) => ({
        value: m,
        label: t(`signUpModes.${m}.label`),
        hint: t(`signUpModes.${m}.hint`),
      }))}
      current={mode}
      save={saveSignUpAction}
      saveLabel={t("saveSignUp")}
    />
  );
}
