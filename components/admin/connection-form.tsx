"use client";

import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "use-intl/react";
import { saveConnectionAction } from "@/app/(admin)/admin/platforms/actions";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { formKey, sentChecked, sentText } from "@/lib/shared/form-state";
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from "@/lib/shared/platforms";
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
        <NativeSelect
          id={`${prefix}-platform`}
          name="platform"
          aria-invalid={Boolean(state.fieldErrors?.platform)}
          defaultValue={chosen}
          onChange={(e) => setPlatform(e.target.value as PlatformId)}
          wrapperClassName="w-full"
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
        </NativeSelect>
      </Field>
      <Field id={`${prefix}-label`} label={t("form.name")} error={state.fieldErrors?.label}>
        <Input
          id={`${prefix}-label`}
          name="label"
          aria-invalid={Boolean(state.fieldErrors?.label)}
          defaultValue={sentText(state, "label") ?? initial?.label}
          placeholder={platformName(platform)}
        />
      </Field>
      <Field id={`${prefix}-baseUrl`} label={t("platforms.baseUrl")} error={state.fieldErrors?.baseUrl}>
        <Input
          id={`${prefix}-baseUrl`}
          name="baseUrl"
          aria-invalid={Boolean(state.fieldErrors?.baseUrl)}
          type="url"
          defaultValue={sentText(state, "baseUrl") ?? initial?.baseUrl}
          placeholder={PLATFORMS[platform].defaultBaseUrl}
        />
      </Field>
      <Field id={`${prefix}-apiKey`} label={t("platforms.apiKey")} error={state.fieldErrors?.apiKey}>
        <Input
          id={`${prefix}-apiKey`}
          name="apiKey"
          aria-invalid={Boolean(state.fieldErrors?.apiKey)}
          type="password"
          autoComplete="off"
          placeholder={
            initial?.keyHint ? t("form.keepSecret", { hint: initial.keyHint }) : t("platforms.apiKeyPlaceholder")
          }
        />
      </Field>
      <EnabledField
        id={`${prefix}-enabled`}
        defaultChecked={sentChecked(state, "enabled") ?? initial?.enabled ?? true}
      />
      <SubmitRow pending={pending} state={state} label={initial ? t("form.saveChanges") : t("platforms.add")} />
    </form>
  );
}
