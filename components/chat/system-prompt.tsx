"use client";

import { useId, useState } from "react";
import useSWR from "swr";
import { useFormatter, useTranslations } from "use-intl/react";
import { boundedParameters, type ChatParameters } from "@/lib/shared/catalog/parameters";
import { MAX_SYSTEM_PROMPT_CHARS, type Preset } from "@/lib/shared/chat/presets";
import { Button } from "../ui/button";
import { Input, Textarea } from "../ui/input";
import { Label } from "../ui/label";
import { NativeSelect } from "../ui/native-select";

// The conversation's system prompt, and the user's presets: apply one (its prompt and
// parameters), save the current ones under a name, or delete one.

const PRESETS_URL = "/api/presets";

async function fetchPresets(url: string): Promise<Preset[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not load presets (HTTP ${res.status}).`);
  return ((await res.json()) as { presets: Preset[] }).presets;
}

export function SystemPrompt({
  userId,
  value,
  onChange,
  parameters,
  onApplyPreset,
}: {
  userId: string;
  value: string;
  onChange: (value: string) => void;
  parameters: ChatParameters;
  onApplyPreset: (preset: Preset) => void;
}) {
  const id = useId();
  const t = useTranslations("composer.systemPrompt");
  const format = useFormatter();
  // Keyed by user: SWR's cache outlives a sign-out and sign-in without a page load.
  const { data: presets = [], mutate } = useSWR([PRESETS_URL, userId], ([url]) => fetchPresets(url));
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [selected, setSelected] = useState("");
  const tooLong = value.length > MAX_SYSTEM_PROMPT_CHARS;

  async function save() {
    const res = await fetch(PRESETS_URL, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // As a turn sends them: empty stop-sequence lines and out-of-bounds values are not a preset's.
      body: JSON.stringify({ name, systemPrompt: value, parameters: boundedParameters(parameters) }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    if (!res.ok) {
      setMessage({ ok: false, text: body.error?.message ?? t("saveFailed") });
      return;
    }
    setMessage({ ok: true, text: t("saved", { name: name.trim() }) });
    setName("");
    await mutate();
  }

  async function remove(preset: Preset) {
    const res = await fetch(`${PRESETS_URL}/${encodeURIComponent(preset.id)}`, { method: "DELETE" });
    setMessage(
      res.ok ? { ok: true, text: t("deleted", { name: preset.name }) } : { ok: false, text: t("deleteFailed") },
    );
    setSelected("");
    await mutate();
  }

  const chosen = presets.find((p) => p.id === selected);
  return (
    <div className="flex flex-col gap-2 border-t border-border px-4 py-3 text-xs">
      <Label htmlFor={`${id}-prompt`} size="xs">
        {t("label")}
      </Label>
      <Textarea
        id={`${id}-prompt`}
        size="sm"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={3}
        maxLength={MAX_SYSTEM_PROMPT_CHARS}
        placeholder={t("placeholder")}
        aria-invalid={tooLong || undefined}
      />
      {tooLong && (
        <p role="alert" className="text-danger">
          {t("tooLong", { length: format.number(value.length), limit: format.number(MAX_SYSTEM_PROMPT_CHARS) })}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Label htmlFor={`${id}-preset`} size="xs">
          {t("preset")}
        </Label>
        <NativeSelect
          id={`${id}-preset`}
          size="sm"
          value={selected}
          onChange={(e) => {
            setSelected(e.target.value);
            const preset = presets.find((p) => p.id === e.target.value);
            if (preset) {
              onApplyPreset(preset);
              setMessage({ ok: true, text: t("applied", { name: preset.name }) });
            }
          }}
        >
          <option value="">{presets.length ? t("choose") : t("none")}</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </NativeSelect>
        {chosen && (
          <Button size="sm" onClick={() => void remove(chosen)}>
            {t("delete")}
          </Button>
        )}
        <span className="mx-1 text-fg-muted">{t("or")}</span>
        <Label htmlFor={`${id}-name`} className="sr-only">
          {t("name")}
        </Label>
        {/* The field fills its box (fieldControlVariants): the box sets its width. */}
        <div className="w-36">
          <Input
            id={`${id}-name`}
            size="sm"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("name")}
          />
        </div>
        <Button size="sm" disabled={!name.trim() || tooLong} onClick={() => void save()}>
          {t("save")}
        </Button>
      </div>
      {message && (
        <p role="status" className={message.ok ? "text-fg-muted" : "text-danger"}>
          {message.text}
        </p>
      )}
    </div>
  );
}
