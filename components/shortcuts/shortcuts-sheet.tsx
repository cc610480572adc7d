"use client";

import { useTranslations } from "use-intl/react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../ui/dialog";
import { SHORTCUTS } from "./shortcut-list";

/** The list of keyboard shortcuts, in a dialog (loaded when first opened: keyboard-shortcuts.tsx). */
export function ShortcutsSheet({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("common");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("close")} className="max-w-md">
        <DialogTitle>{t("shortcuts.title")}</DialogTitle>
        <DialogDescription>{t("shortcuts.description")}</DialogDescription>
        <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm" data-testid="shortcut-list">
          {SHORTCUTS.map(({ keys, action }) => (
            <div key={action} className="contents">
              <dt>{t(`shortcuts.${action}`)}</dt>
              <dd className="flex justify-end gap-1">
                {keys.map((key) => (
                  <kbd
                    key={key}
                    className="min-w-6 rounded border border-border bg-panel px-1.5 py-0.5 text-center font-mono text-xs"
                  >
                    {key}
                  </kbd>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      </DialogContent>
    </Dialog>
  );
}
