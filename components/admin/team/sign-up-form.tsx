"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveSignUpAction, type TeamFormState } from "@/lib/team/team-actions";
import { SIGN_UP_MODES, type SignUpMode } from "@/lib/team/team-policy";
import { SubmitRow } from "../field";

/** Whether anyone who reaches the site may sign up, or only people with an invite link. */
export function SignUpForm({ mode }: { mode: SignUpMode }) {
  const t = useTranslations("admin.users");
  const [state, action, pending] = useActionState<TeamFormState, FormData>(saveSignUpAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("signUpLegend")}</legend>
        {SIGN_UP_MODES.map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input type="radio" name="signUp" value={m} defaultChecked={m === mode} className="mt-1 accent-accent" />
            <span>
              <span className="font-medium">{t(`signUpModes.${m}.label`)}</span>
              <span className="block text-fg-muted">{t(`signUpModes.${m}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitRow pending={pending} state={state} label={t("saveSignUp")} />
    </form>
  );
}
