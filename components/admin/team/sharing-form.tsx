"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { type SharingFormState, saveSharingAction } from "@/lib/share/sharing-actions";
import { SHARING_MODES, type SharingMode } from "@/lib/team/team-policy";
import { SubmitRow } from "../field";

/** Who may open share links: nobody, people signed in here, or anyone with the link. */
export function SharingForm({ mode }: { mode: SharingMode }) {
  const t = useTranslations("admin.sharing");
  const [state, action, pending] = useActionState<SharingFormState, FormData>(saveSharingAction, {});
  return (
    <form action={action} className="flex flex-col gap-3">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("legend")}</legend>
        {SHARING_MODES.map((m) => (
          <label key={m} className="flex items-start gap-2 text-sm">
            <input type="radio" name="sharing" value={m} defaultChecked={m === mode} className="mt-1 accent-accent" />
            <span>
              <span className="font-medium">{t(`modes.${m}.label`)}</span>
              <span className="block text-fg-muted">{t(`modes.${m}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <SubmitRow pending={pending} state={state} label={t("save")} />
    </form>
  );
}
