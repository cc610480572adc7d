"use client";

import { useTranslations } from "use-intl/react";
import { saveSharingAction } from "@/app/(admin)/admin/users/actions";
import { SHARING_MODES, type SharingMode } from "@/lib/shared/team-policy";
import { ChoiceForm } from "../choice-form";

/** Who may open share links: nobody, people signed in here, or anyone with the link. */
export function SharingForm({ mode }: { mode: SharingMode }) {
  const t = useTranslations("admin.sharing");
  return (
    <ChoiceForm
      name="sharing"
      legend={t("legend")}
      choices={SHARING_MODES.map((m) => ({ value: m, label: t(`modes.${m}.label`), hint: t(`modes.${m}.hint`) }))}
      current={mode}
      save={saveSharingAction}
      saveLabel={t("save")}
    />
  );
}
