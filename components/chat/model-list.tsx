"use client";

import { Command } from "cmdk";
import { BrainIcon, CheckIcon, GlobeIcon, SquareTerminalIcon, WrenchIcon } from "lucide-react";
import { useLocale, useTranslations } from "use-intl/react";
import type { ConnectionOption } from "@/lib/providers/status";
import { compactTokens, type ModelProfile } from "@/lib/shared/catalog/profile";
import type { ModelSelection } from "@/lib/shared/chat/request-schema";
import { Badge } from "../ui/badge";

/** What the picker and its list are given: the models on offer, the one chosen, and how to choose. */
export interface ModelChoice {
  connections: ConnectionOption[];
  selection: ModelSelection;
  onSelect: (selection: ModelSelection) => void;
}

/** The model picker's list (model-picker.tsx): a search box and the models by platform. */
export function ModelList({ connections, selection, onSelect }: ModelChoice) {
  const t = useTranslations("composer");
  return (
    <Command loop className="flex max-h-[min(24rem,var(--radix-popover-content-available-height))] flex-col">
      <Command.Input
        autoFocus
        placeholder={t("picker.search")}
        aria-label={t("picker.search")}
        className="border-b border-border bg-transparent px-3 py-2 text-sm outline-none placeholder:text-fg-muted"
      />
      <Command.List className="overflow-y-auto p-1">
        <Command.Empty className="px-3 py-4 text-sm text-fg-muted">{t("picker.empty")}</Command.Empty>
        {connections.map((c) => (
          <Command.Group
            key={c.id}
            heading={c.label}
            className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-fg-muted"
          >
            {c.models.map((m) => (
              <Command.Item
                key={m.model}
                data-testid="model-option"
                data-platform={c.label}
                data-label={m.label}
                value={`${c.id}|${m.model}`}
                keywords={[m.label, c.label, m.model]}
                onSelect={() => {
                  onSelect({ connection: c.id, model: m.model });
                }}
                className="flex cursor-default items-center gap-2 rounded-md px-2 py-1.5 text-sm outline-none data-[selected=true]:bg-muted"
              >
                <span className="flex min-w-0 flex-1 flex-col gap-1">
                  <span className="font-medium">{m.label}</span>
                  <ModelBadges profile={m} />
                </span>
                {c.id === selection.connection && m.model === selection.model && (
                  <CheckIcon aria-hidden className="size-4 text-accent" />
                )}
              </Command.Item>
            ))}
          </Command.Group>
        ))}
      </Command.List>
    </Command>
  );
}

/** What a model can do on its platform, as small badges. */
function ModelBadges({ profile }: { profile: ModelProfile }) {
  const t = useTranslations("composer.picker");
  const locale = useLocale();
  const f = profile.features;
  return (
    <span className="flex flex-wrap gap-1">
      <Badge>{t("context", { tokens: compactTokens(profile.limits.contextWindow, locale) })}</Badge>
      {f.thinking !== "none" && (
        <Badge variant="accent">
          <BrainIcon aria-hidden />
          {t("thinking")}
        </Badge>
      )}
      {f.toolCalling && (
        <Badge>
          <WrenchIcon aria-hidden />
          {t("tools")}
        </Badge>
      )}
      {f.webSearch !== "none" && (
        <Badge>
          <GlobeIcon aria-hidden />
          {t("webSearch")}
        </Badge>
      )}
      {f.codeInterpreter && (
        <Badge>
          <SquareTerminalIcon aria-hidden />
          {t("codeInterpreter")}
        </Badge>
      )}
    </span>
  );
}
