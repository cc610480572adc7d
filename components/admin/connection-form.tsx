"use client";

import { useActionState, useEffect, useState } from "react";
import { type ConnectionFormState, saveConnectionAction } from "@/lib/providers/connection-actions";
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from "@/lib/providers/platforms";
import { Field } from "./field";

export interface ConnectionFormValues {
  id: string;
  platform: PlatformId;
  label: string;
  baseUrl: string;
  keyHint: string | null;
  enabled: boolean;
}

export function ConnectionForm({ initial }: { initial?: ConnectionFormValues }) {
  const [state, action, pending] = useActionState<ConnectionFormState, FormData>(saveConnectionAction, {});
  const chosen = (state.values?.platform as PlatformId | undefined) ?? initial?.platform ?? "dashscope";
  const [platform, setPlatform] = useState<PlatformId>(chosen);
  useEffect(() => setPlatform(chosen), [chosen]);
  const prefix = initial ? `edit-${initial.id}` : "new";
  return (
    // React resets a form after its action; remounting it with what was submitted keeps the input.
    <form
      key={state.values ? JSON.stringify(state.values) : "initial"}
      action={action}
      className="grid gap-3 sm:grid-cols-2"
      noValidate
    >
      {initial && <input type="hidden" name="id" value={initial.id} />}
      <Field id={`${prefix}-platform`} label="Platform" error={state.fieldErrors?.platform}>
        <select
          id={`${prefix}-platform`}
          name="platform"
          defaultValue={chosen}
          onChange={(e) => setPlatform(e.target.value as PlatformId)}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        >
          {PLATFORM_IDS.map((id) => (
            <option key={id} value={id}>
              {PLATFORMS[id].label}
              {id === "dashscope-native" ? " (native API)" : id === "dashscope" ? " (compatible mode)" : ""}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-label`} label="Name" error={state.fieldErrors?.label}>
        <input
          id={`${prefix}-label`}
          name="label"
          defaultValue={state.values?.label ?? initial?.label}
          placeholder={PLATFORMS[platform].label}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-baseUrl`} label="Base URL" error={state.fieldErrors?.baseUrl}>
        <input
          id={`${prefix}-baseUrl`}
          name="baseUrl"
          type="url"
          defaultValue={state.values?.baseUrl ?? initial?.baseUrl}
          placeholder={PLATFORMS[platform].defaultBaseUrl}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <Field id={`${prefix}-apiKey`} label="API key" error={state.fieldErrors?.apiKey}>
        <input
          id={`${prefix}-apiKey`}
          name="apiKey"
          type="password"
          autoComplete="off"
          placeholder={initial?.keyHint ? `${initial.keyHint} (leave empty to keep)` : "Key for this platform"}
          className="rounded-md border border-border bg-bg px-2 py-1.5"
        />
      </Field>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={state.values?.enabled ?? initial?.enabled ?? true}
          className="accent-accent"
        />
        Enabled
      </label>
      <div className="flex items-center gap-3 sm:col-span-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-60"
        >
          {pending ? "Saving…" : initial ? "Save changes" : "Add platform"}
        </button>
        {state.message && (
          <p role="status" className={`text-sm ${state.ok ? "text-fg-muted" : "text-danger"}`}>
            {state.message}
          </p>
        )}
      </div>
    </form>
  );
}
