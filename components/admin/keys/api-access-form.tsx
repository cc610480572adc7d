"use client";

import { useTranslations } from "use-intl/react";
import { saveApiAccessAction } from "@/app/(admin)/admin/keys/actions";
import { ChoiceForm } from "../choice-form";

/** Whether members may call the team's GLM API with their keys. */
export function ApiAccessForm({ on }: { on: boolean }) {
  const t = useTranslations("admin.apiKeys");
  return (
    <ChoiceForm
      name="apiAccess"
      legend={t("accessLegend")}
      choices={(["on", "off"] as const).map((v) => ({
        value: v,
        label: t(`access.${v}.label`),
        hint: t(`access.${v}.hint`),
      }))}
      current={on ? "on" : "off"}
      save={saveApiAccessAction}
      saveLabel={t("save")}
    />
  );
}
