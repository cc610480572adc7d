"use client";

import { useId } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import {
  type Adjustment,
  type ChatParameters,
  fitParameters,
  PARAMETER_NAMES,
  type ParameterName,
  parameterRange,
  WHOLE_NUMBER,
} from "@/lib/shared/catalog/parameters";
import type { ModelProfile } from "@/lib/shared/catalog/profile";
import { Button } from "../ui/button";
import { Input, Textarea } from "../ui/input";
import { Label } from "../ui/label";

/**
 * The conversation's sampling parameters for the chosen model and platform: each field shows the
 * platform's default and range, a parameter the platform does not accept is disabled, and a value
 * outside the range says what is sent instead.
 */
export function ParametersPanel({
  profile,
  parameters,
  onChange,
}: {
  profile: ModelProfile;
  parameters: ChatParameters;
  onChange: (parameters: ChatParameters) => void;
}) {
  const id = useId();
  const t = useTranslations("composer");
  const format = useFormatter();
  const { adjustments } = fitParameters(parameters, profile);
  // Values read as they are typed (0.95, 32768); only ranges and token limits are grouped (16,384).
  const plain = (n: number) => format.number(n, { useGrouping: false });
  const label = (name: ParameterName) => t(`panel.labels.${name}`);

  /** Why a value is not sent as typed, and what is sent instead. */
  function reason(a: Adjustment): string {
    const where = { model: profile.label, platform: profile.platformLabel };
    switch (a.reason) {
      case "not-accepted":
        return t("panel.adjustments.notAccepted", {
          platform: profile.platformLabel,
          parameter: a.parameter === "stopSequences" ? t("panel.labels.stopSequences") : label(a.parameter),
        });
      case "too-many":
        return t("panel.adjustments.stopTooMany", { platform: profile.platformLabel, max: a.max });
      case "too-long":
        return t("panel.adjustments.stopTooLong", { platform: profile.platformLabel, maxLength: a.maxLength });
      case "out-of-range":
        return a.parameter === "maxOutputTokens"
          ? t("panel.adjustments.tooManyTokens", {
              ...where,
              max: format.number(a.max),
              applied: format.number(a.applied),
            })
          : t("panel.adjustments.outOfRange", {
              ...where,
              parameter: label(a.parameter),
              min: plain(a.min),
              max: plain(a.max),
              applied: plain(a.applied),
            });
      case "not-whole":
        return t("panel.adjustments.notWhole", { parameter: label(a.parameter), applied: plain(a.applied) });
    }
  }

  return (
    <fieldset className="grid grid-cols-2 gap-x-4 gap-y-2 border-t border-border px-4 py-3 sm:grid-cols-4">
      <legend className="sr-only">{t("parameters")}</legend>
      {PARAMETER_NAMES.map((name) => {
        const range = parameterRange(profile, name);
        const adjustment = adjustments.find((a) => a.parameter === name);
        const fieldId = `${id}-${name}`;
        const noteId = `${fieldId}-note`;
        const value = parameters[name];
        return (
          <div key={name} className="flex flex-col gap-1 text-xs">
            <Label htmlFor={fieldId} size="xs">
              {label(name)}
            </Label>
            <Input
              id={fieldId}
              size="sm"
              type="number"
              inputMode={WHOLE_NUMBER[name] ? "numeric" : "decimal"}
              // No min/max/step: the note says what is sent, rather than the browser refusing.
              disabled={!range}
              value={value ?? ""}
              placeholder={
                range?.default !== undefined
                  ? t("panel.defaultValue", { value: plain(range.default) })
                  : t("panel.platformDefault")
              }
              aria-describedby={noteId}
              aria-invalid={adjustment ? true : undefined}
              onChange={(e) => {
                const next = e.target.value === "" ? undefined : Number(e.target.value);
                if (next !== undefined && !Number.isFinite(next)) return;
                onChange({ ...parameters, [name]: next });
              }}
            />
            <span id={noteId} className={adjustment ? "text-warn" : "text-fg-muted"}>
              {adjustment
                ? reason(adjustment)
                : range
                  ? t("panel.range", { min: format.number(range.min), max: format.number(range.max) })
                  : t("panel.notAccepted", { platform: profile.platformLabel })}
            </span>
          </div>
        );
      })}
      <StopSequences
        profile={profile}
        parameters={parameters}
        onChange={onChange}
        adjustments={adjustments}
        reason={reason}
      />
      <div className="col-span-full flex items-center gap-3">
        <Button size="sm" onClick={() => onChange({})} disabled={Object.keys(parameters).length === 0}>
          {t("panel.reset")}
        </Button>
        {/* One polite live region for screen readers: what is sent differs from what was typed. */}
        <p role="status" className="sr-only">
          {adjustments.map(reason).join(" ")}
        </p>
      </div>
    </fieldset>
  );
}

/** Stop sequences, one per line as typed (empty lines are dropped when sent). */
function StopSequences({
  profile,
  parameters,
  onChange,
  adjustments,
  reason,
}: {
  profile: ModelProfile;
  parameters: ChatParameters;
  onChange: (parameters: ChatParameters) => void;
  adjustments: Adjustment[];
  reason: (a: Adjustment) => string;
}) {
  const id = useId();
  const t = useTranslations("composer");
  const accepted = profile.sampling.stopSequences;
  const adjustment = adjustments.find((a) => a.parameter === "stopSequences");
  return (
    <div className="col-span-2 flex flex-col gap-1 text-xs">
      <Label htmlFor={id} size="xs">
        {t("panel.labels.stopSequences")}
      </Label>
      <Textarea
        id={id}
        size="sm"
        rows={2}
        disabled={!accepted}
        value={parameters.stopSequences?.join("\n") ?? ""}
        placeholder={t("panel.stopPlaceholder")}
        aria-describedby={`${id}-note`}
        aria-invalid={adjustment ? true : undefined}
        onChange={(e) => {
          const lines = e.target.value === "" ? undefined : e.target.value.split("\n");
          onChange({ ...parameters, stopSequences: lines });
        }}
      />
      <span id={`${id}-note`} className={adjustment ? "text-warn" : "text-fg-muted"}>
        {adjustment
          ? reason(adjustment)
          : accepted
            ? t("panel.stopHint", { max: accepted.maxCount })
            : t("panel.notAccepted", { platform: profile.platformLabel })}
      </span>
    </div>
  );
}
