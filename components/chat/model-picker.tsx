"use client";

import { ChevronsUpDownIcon } from "lucide-react";
import dynamic from "next/dynamic";
import { useState } from "react";
import { useTranslations } from "use-intl/react";
import { Button } from "../ui/button";
import { Popover, PopoverContent, PopoverTrigger } from "../ui/popover";
import type { ModelChoice } from "./model-list";

// The model picker: the models the team offers, grouped by platform, each with what it can do
// there (context, thinking, tools, web search, code) from the catalog; typing filters them,
// arrows and Enter choose (cmdk's listbox, model-list.tsx).

/** Loaded when the picker is first pointed at or focused: the list is not needed to show the page. */
const loadList = () => import("./model-list").then((m) => m.ModelList);
const ModelList = dynamic(loadList, { ssr: false });

export function ModelPicker({ connections, selection, onSelect }: ModelChoice) {
  const t = useTranslations("composer");
  const [open, setOpen] = useState(false);
  const several = connections.length > 1;
  const connection = connections.find((c) => c.id === selection.connection);
  const current = connection?.models.find((m) => m.model === selection.model);
  const shown = current ? `${current.label}${several ? ` · ${connection?.label}` : ""}` : "";
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          role="combobox"
          aria-expanded={open}
          aria-label={`${t("model")}: ${shown}`}
          size="sm"
          className="max-w-64"
          data-testid="model-picker"
          onPointerEnter={() => void loadList()}
          onFocus={() => void loadList()}
        >
          <span className="min-w-0 flex-1 truncate text-left">{shown}</span>
          <ChevronsUpDownIcon aria-hidden className="text-fg-muted" />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-96 max-w-[calc(100vw-2rem)] overflow-hidden p-0">
        <ModelList
          connections={connections}
          selection={selection}
          onSelect={(chosen) => {
            onSelect(chosen);
            setOpen(false);
          }}
        />
      </PopoverContent>
    </Popover>
  );
}
