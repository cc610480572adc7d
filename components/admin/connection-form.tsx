"use client";

import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { saveConnectionAction } from "@/app/(admin)/admin/platforms/actions";
import { formKey, sentChecked, sentText } from "@/lib/api/form-state";
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from "@/lib/providers/platforms";
import { EnabledField, Field, SubmitRow } from "./field";

export interface ConnectionFormValues {
  id: string;
  platform: PlatformId;
  label: string;
  baseUrl: string;
  keyHint: string | null;
  enabled: boolean;
}

/** Platform names are brands, except the self-hosted kind, which is a description. */
export function usePlatformName(): (id: PlatformId) => string {
  const t = useTranslations("admin.platforms");
  return (id) => (id === "openai-compatible" ? t("selfHosted") : PLATFORMS[id].label);
}

export function ConnectionForm({ initial }: { initial?: ConnectionFormValues }) {
  const t = useTranslations("admin");
  const platformName = usePlatformName();
  const [state, action, pending] = useActionState(saveConnectionAction, {});
  const chosen = (sentText(state, "platform") as PlatformId | undefined) ?? initial?.platform ?? "dashscope";
  const [platform, setPlatform] = useState<PlatformId>(chosen);
  useEffect(() => setPlatform(chosen), [chosen]);
  const prefix = initial ? `edit-${initial.id}` : "new";
  return (
    // React resets a form after its action; remounting it with what was submitted keeps the input.
    <form key={formKey(state, "initial")} action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <Field id={`${prefix}-platform`} label={t("platforms.platform")} error={state.fieldErrors?.platform}>
        <select
          id={`${prefix}-platform`}
          name="platform"
          defaultValue={chosen}
          onChange={(e) => setPlatform(e.target.value as PlatformId)}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        >
          {PLATFORM_IDS.map((id) => (
            <option key={id} value={id}>
              {id === "dashscope-native"
                ? t("platforms.nativeApi", { platform: platformName(id) })
                : id === "dashscope"
                  ? t("platforms.compatibleMode", { platform: platformName(id) })
                  : platformName(id)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-label`} label={t("form.name")} error={state.fieldErrors?.label}>
        <input
          id={`${prefix}-label`}
          name="label"
          defaultValue={sentText(state, "label") ?? initial?.label}
          placeholder={platformName(platform)}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-baseUrl`} label={t("platforms.baseUrl")} error={state.fieldErrors?.baseUrl}>
        <input
          id={`${prefix}-baseUrl`}
          name="baseUrl"
          type="url"
          defaultValue={sentText(state, "baseUrl") ?? initial?.baseUrl}
          placeholder={PLATFORMS[platform].defaultBaseUrl}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-apiKey`} label={t("platforms.apiKey")} error={state.fieldErrors?.apiKey}>
        <input
          id={`${prefix}-apiKey`}
          name="apiKey"
          type="password"
          autoComplete="off"
          placeholder={
            initial?.keyHint ? t("form.keepSecret", { hint: initial.keyHint }) : t("platforms.apiKeyPlaceholder")
          }
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <EnabledField defaultChecked={sentChecked(state, "enabled") ?? initial?.enabled ?? true} />
      <SubmitRow pending={pending} state={state} label={initial ? t("form.saveChanges") : t("platforms.add")} />
    </form>
  );
}
