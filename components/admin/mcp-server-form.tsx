"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveMcpServerAction } from "@/app/(admin)/admin/mcp/actions";
import { formKey, sentChecked, sentText } from "@/lib/api/form-state";
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
        <input
          id={`${prefix}-name`}
          name="name"
          defaultValue={sentText(state, "name") ?? initial?.name}
          placeholder={t("mcp.namePlaceholder")}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-url`} label={t("mcp.url")} error={state.fieldErrors?.url}>
        <input
          id={`${prefix}-url`}
          name="url"
          type="url"
          defaultValue={sentText(state, "url") ?? initial?.url}
          placeholder="https://mcp.example.com/mcp"
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-token`} label={t("mcp.token")} error={state.fieldErrors?.token}>
        <input
          id={`${prefix}-token`}
          name="token"
          type="password"
          autoComplete="off"
          placeholder={
            initial?.tokenHint ? t("form.keepSecret", { hint: initial.tokenHint }) : t("mcp.tokenPlaceholder")
          }
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <EnabledField defaultChecked={sentChecked(state, "enabled") ?? initial?.enabled ?? true} className="self-end" />
      <SubmitRow pending={pending} state={state} label={initial ? t("form.saveChanges") : t("mcp.add")} />
    </form>
  );
}
