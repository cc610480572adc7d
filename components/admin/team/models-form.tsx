"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveTeamModelsAction } from "@/app/(admin)/admin/models/actions";
import type { ModelId } from "@/lib/shared/catalog/models";
import { formKey, sentChecked, sentText } from "@/lib/shared/form-state";
import { SelectField, SubmitRow } from "../field";

export interface ModelChoice {
  id: ModelId;
  label: string;
  /** The connections that offer it (names). */
  offeredBy: string[];
  enabled: boolean;
}

/** Which catalog models the team may use, and where a new chat starts. */
export function ModelsForm({
  models,
  connections,
  defaultModel,
  defaultConnection,
}: {
  models: ModelChoice[];
  connections: { id: string; label: string }[];
  defaultModel: ModelId | null;
  defaultConnection: string | null;
}) {
  const t = useTranslations("admin.models");
  const [state, action, pending] = useActionState(saveTeamModelsAction, {});
  return (
    <form key={formKey(state)} action={action} className="flex flex-col gap-4">
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t("enabledLegend")}</legend>
        {models.map((model) => (
          <label key={model.id} className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              name="enabled"
              value={model.id}
              defaultChecked={sentChecked(state, "enabled", model.id) ?? model.enabled}
              className="mt-1 accent-accent"
            />
            <span>
              <span className="font-medium">{model.label}</span>
              <span className="block text-fg-muted">
                {model.offeredBy.length > 0
                  ? t("offeredBy", { platforms: model.offeredBy.join(", ") })
                  : t("offeredByNone")}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          id="default-model"
          name="defaultModel"
          label={t("defaultModel")}
          defaultValue={sentText(state, "defaultModel") ?? defaultModel ?? ""}
          options={[{ value: "", label: t("firstAvailable") }, ...models.map((m) => ({ value: m.id, label: m.label }))]}
        />
        <SelectField
          id="default-connection"
          name="defaultConnection"
          label={t("defaultConnection")}
          defaultValue={sentText(state, "defaultConnection") ?? defaultConnection ?? ""}
          options={[
            { value: "", label: t("anyConnection") },
            ...connections.map((c) => ({ value: c.id, label: c.label })),
          ]}
        />
      </div>
      <SubmitRow pending={pending} state={state} label={t("save")} />
    </form>
  );
}
