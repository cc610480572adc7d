"use client";

import { ArrowUpIcon, Settings2Icon, SlidersHorizontalIcon, SquareIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl/react";
import type { ConnectionOption } from "@/lib/providers/status";
import { compactTokens, describeProfile, type ModelProfile, type ProfileFeature } from "@/lib/shared/catalog/profile";
import { MAX_MESSAGE_CHARS, type TurnSettings } from "@/lib/shared/chat/request-schema";
import { Button } from "../ui/button";
import { IconButton } from "../ui/icon-button";
import { NativeSelect } from "../ui/native-select";
import { Switch } from "../ui/switch";
import { preloadMarkdown } from "./lazy-markdown";
import { ModelPicker } from "./model-picker";
import type { TurnSettingsChange } from "./use-turn-settings";

/** The Parameters section is loaded when its button is first pointed at, focused or pressed. */
const loadParameters = () => import("./composer-parameters").then((m) => m.ComposerParameters);
const ComposerParameters = dynamic(loadParameters, { ssr: false });

export function Composer({
  busy,
  disabled,
  disabledReason,
  connections,
  profile,
  settings,
  onSettingsChange,
  onSend,
  onStop,
  draft,
  userId,
}: {
  busy: boolean;
  disabled: boolean;
  disabledReason?: string;
  /** The platform connections and the models each serves. */
  connections: ConnectionOption[];
  /** The chosen model on the chosen platform: what it accepts and supports. */
  profile?: ModelProfile;
  /** The model, switches, system prompt, parameters and answers count the next message is sent with. */
  settings: TurnSettings;
  onSettingsChange: (change: TurnSettingsChange) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  /** A message the server refused, given back to be edited or sent again. */
  draft?: { text: string } | null;
  userId: string;
}) {
  const t = useTranslations("composer");
  const format = useFormatter();
  const locale = useLocale();
  const [text, setText] = useState("");
  useEffect(() => {
    if (draft) setText(draft.text);
  }, [draft]);
  const [showParameters, setShowParameters] = useState(false);
  const [showOptions, setShowOptions] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const { thinking, webSearch, tools, codeInterpreter, summarize, candidates, systemPrompt, parameters } = settings;
  const { thinkingOn, thinkingNote, searchOffered, searchAllowed, searchNote } = switches(profile, thinking);
  const names = { model: profile?.label ?? "", platform: profile?.platformLabel ?? "" };

  /** One of the model's features, in the interface's language. */
  function feature(f: ProfileFeature): string {
    if ("tokens" in f) return t(`features.${f.feature}`, { tokens: compactTokens(f.tokens, locale) });
    if ("count" in f) return t("features.candidates", { count: f.count });
    return t(`features.${f.feature}`);
  }

  const tooLong = text.length > MAX_MESSAGE_CHARS;

  function submit() {
    const value = text.trim();
    if (!value || busy || disabled || tooLong) return;
    onSend(value);
    setText("");
    textarea.current?.focus();
  }

  return (
    <form
      // The parameters panel explains out-of-range values itself; the browser must not block Send.
      noValidate
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="rounded-2xl border border-border bg-bg shadow-sm focus-within:border-accent">
        <label htmlFor="composer-input" className="sr-only">
          {t("message")}
        </label>
        <textarea
          id="composer-input"
          ref={textarea}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onFocus={preloadMarkdown}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === "Escape" && !e.shiftKey && busy) {
              e.preventDefault();
              onStop();
            }
          }}
          rows={2}
          placeholder={disabled ? disabledReason : t("placeholder")}
          disabled={disabled}
          aria-invalid={tooLong || undefined}
          aria-describedby={tooLong ? "composer-error" : undefined}
          className="block max-h-60 min-h-14 w-full resize-y rounded-t-2xl bg-transparent px-4 py-3 outline-none disabled:cursor-not-allowed"
        />
        {tooLong && (
          <p id="composer-error" role="alert" className="px-4 pb-1 text-sm text-danger">
            {t("tooLong", { length: format.number(text.length), limit: format.number(MAX_MESSAGE_CHARS) })}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-3 px-3 pb-2">
          <ModelPicker connections={connections} selection={settings} onSelect={onSettingsChange} />
          {/* On a phone the switches and parameters fold behind one button, so that the message
              keeps the screen; on a wider screen they sit in the row (display: contents). */}
          <IconButton
            label={t("options")}
            tooltip={false}
            className="md:hidden"
            aria-expanded={showOptions}
            aria-controls="composer-options"
            onClick={() => setShowOptions((v) => !v)}
          >
            <Settings2Icon aria-hidden />
          </IconButton>
          <div
            id="composer-options"
            className={
              showOptions
                ? "flex w-full flex-wrap items-center gap-3 max-md:order-last md:contents"
                : "contents max-md:hidden"
            }
          >
            <LabelledSwitch
              id="thinking"
              label={t("thinking")}
              checked={thinkingOn}
              disabled={profile?.features.thinking !== "switch"}
              onChange={(on) => onSettingsChange({ thinking: on })}
              describedBy={thinkingNote ? "thinking-note" : undefined}
            />
            {searchOffered && (
              <LabelledSwitch
                id="web-search"
                label={t("webSearch")}
                checked={searchAllowed && webSearch}
                disabled={!searchAllowed}
                onChange={(on) => onSettingsChange({ webSearch: on })}
                describedBy={searchNote ? "web-search-note" : undefined}
              />
            )}
            {profile?.features.toolCalling && (
              <LabelledSwitch
                id="tools"
                label={t("tools")}
                description={t("toolsDescription")}
                checked={tools}
                onChange={(on) => onSettingsChange({ tools: on })}
              />
            )}
            {profile?.features.codeInterpreter && (
              <LabelledSwitch
                id="code-interpreter"
                label={t("codeInterpreter")}
                description={t("codeInterpreterDescription")}
                checked={codeInterpreter}
                onChange={(on) => onSettingsChange({ codeInterpreter: on })}
              />
            )}
            {/* Only matters once the conversation outgrows the model's window (lib/chat/context/summary.ts). */}
            <LabelledSwitch
              id="summarize"
              label={t("summarize")}
              description={t("summarizeDescription")}
              checked={summarize ?? true}
              onChange={(on) => onSettingsChange({ summarize: on })}
            />
            {profile && profile.features.maxCandidates > 1 && (
              <div className="flex items-center gap-1.5 text-sm">
                <label htmlFor="composer-answers">{t("answers")}</label>
                <NativeSelect
                  id="composer-answers"
                  size="sm"
                  value={Math.min(candidates, profile.features.maxCandidates)}
                  onChange={(e) => onSettingsChange({ candidates: Number(e.target.value) })}
                  aria-describedby={candidates > 1 ? "answers-note" : undefined}
                >
                  {Array.from({ length: profile.features.maxCandidates }, (_, i) => i + 1).map((count) => (
                    <option key={count} value={count}>
                      {count}
                    </option>
                  ))}
                </NativeSelect>
              </div>
            )}
            <Button
              variant="ghost"
              size="sm"
              aria-expanded={showParameters}
              aria-controls="composer-parameters"
              onClick={() => setShowParameters((v) => !v)}
              onPointerEnter={() => void loadParameters()}
              onFocus={() => void loadParameters()}
              disabled={!profile}
            >
              <SlidersHorizontalIcon aria-hidden />
              {t("parameters")}
            </Button>
          </div>
          <div className="ml-auto">
            {busy ? (
              <IconButton
                label={t("stop")}
                variant="secondary"
                size="icon"
                shape="round"
                onClick={() => {
                  onStop();
                  // The button goes with the answer: the focus stays where the next message is typed.
                  textarea.current?.focus();
                }}
              >
                <SquareIcon aria-hidden className="fill-current" />
              </IconButton>
            ) : (
              <IconButton
                label={t("send")}
                type="submit"
                variant="primary"
                size="icon"
                shape="round"
                disabled={disabled || !text.trim() || tooLong}
              >
                <ArrowUpIcon aria-hidden />
              </IconButton>
            )}
          </div>
        </div>
        {profile && (
          <div className="px-4 pb-2 text-xs text-fg-muted">
            <p data-testid="model-features" className="max-md:hidden">
              {describeProfile(profile).map(feature).join(" · ")}
            </p>
            {thinkingNote && <p id="thinking-note">{t(`notes.${thinkingNote}`, names)}</p>}
            {searchNote && <p id="web-search-note">{t("notes.searchWithoutThinking", names)}</p>}
            {profile.features.maxCandidates > 1 && candidates > 1 && (
              <p id="answers-note">
                {t("answersNote", { count: Math.min(candidates, profile.features.maxCandidates) })}
              </p>
            )}
          </div>
        )}
        <div id="composer-parameters" hidden={!profile || !showParameters}>
          {profile && showParameters && (
            <ComposerParameters
              userId={userId}
              profile={profile}
              systemPrompt={systemPrompt}
              parameters={parameters}
              onSettingsChange={onSettingsChange}
            />
          )}
        </div>
      </div>
    </form>
  );
}

/**
 * What the thinking and web search switches can do for this model here, and why not: the notes
 * name messages (composer.notes), worded in the interface's language.
 */
function switches(profile: ModelProfile | undefined, thinking: boolean) {
  const f = profile?.features;
  const thinkingOn = f?.thinking === "switch" && thinking;
  const thinkingNote =
    f?.thinking === "default" ? "thinkingByPlatform" : f?.thinking === "none" ? "noThinking" : undefined;
  const searchOffered = f !== undefined && f.webSearch !== "none";
  const searchAllowed = f?.webSearch === "always" || (f?.webSearch === "without-thinking" && !thinkingOn);
  const searchNote = searchOffered && !searchAllowed;
  return { thinkingOn, thinkingNote, searchOffered, searchAllowed, searchNote } as const;
}

/** A composer switch and its label; a description for screen readers, or a note's id. */
function LabelledSwitch({
  id,
  label,
  description,
  describedBy,
  checked,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  description?: string;
  describedBy?: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const switchId = `composer-${id}`;
  return (
    <div className="flex items-center gap-1.5 text-sm">
      <Switch
        id={switchId}
        checked={checked}
        disabled={disabled}
        onCheckedChange={onChange}
        aria-describedby={description ? `${switchId}-description` : describedBy}
      />
      <label htmlFor={switchId} className={disabled ? "text-fg-muted" : undefined}>
        {label}
      </label>
      {description && (
        <span id={`${switchId}-description`} className="sr-only">
          {description}
        </span>
      )}
    </div>
  );
}
