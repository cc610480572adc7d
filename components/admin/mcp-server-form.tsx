"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveMcpServerAction } from "@/app/(admin)/admin/mcp/actions";
import { Input } from "@/components/ui/input";
import { formKey, sentChecked, sentText } from "@/lib/shared/form-state";
import { EnabledField, Field, SubmitRow } from "./field";

export interface McpServerFormValues {
  id: string;
  name: string;
  url: string;
  tokenHint: string | null;
  enabled: boolean;
}

export function McpServerForm({ initial }: { initial?: McpServerFormValues }) {
  const t = useTranslations("admin");
  const [state, action, pending] = useActionState(saveMcpServerAction, {});
  const prefix = initial ? `mcp-${initial.id}` : "mcp-new";
  return (
    // React resets a form after its action; remounting it with what was submitted keeps the input.
    <form key={formKey(state, "initial")} action={action} className="grid gap-3 sm:grid-cols-2" noValidate>
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <Field id={`${prefix}-name`} label={t("form.name")} error={state.fieldErrors?.name}>
        <Input
          id={`${prefix}-name`}
          name="name"
          aria-invalid={Boolean(state.fieldErrors?.name)}
          defaultValue={sentText(state, "name") ?? initial?.name}
          placeholder={t("mcp.namePlaceholder")}
        />
      </Field>
      <Field id={`${prefix}-url`} label={t("mcp.url")} error={state.fieldErrors?.url}>
        <Input
          id={`${prefix}-url`}
          name="url"
          aria-invalid={Boolean(state.fieldErrors?.url)}
          type="url"
          defaultValue={sentText(state, "url") ?? initial?.url}
          placeholder="https://mcp.example.com/mcp"
        />
      </Field>
      <Field id={`${prefix}-token`} label={t("mcp.token")} error={state.fieldErrors?.token}>
        <Input
          id={`${prefix}-token`}
          name="token"
          aria-invalid={Boolean(state.fieldErrors?.token)}
          type="password"
          autoComplete="off"
          placeholder={
            initial?.tokenHint ? t("form.keepSecret", { hint: initial.tokenHint }) : t("mcp.tokenPlaceholder")
          }
        />
      </Field>
      <EnabledField
        id={`${prefix}-enabled`}
        defaultChecked={sentChecked(state, "enabled") ?? initial?.enabled ?? true}
        className="self-end"
      />
      <SubmitRow pending={pending} state={state} label={initial ? t("form.saveChanges") : t("mcp.add")} />
    </form>
  );
}
