"use client";

import { useCallback, useState } from "react";
import { useTranslations } from "use-intl/react";
import { ConfirmDialog } from "./confirm-dialog";

interface Question {
  title: string;
  description?: string;
  confirmLabel: string;
  danger?: boolean;
}

/**
 * Asks in a dialog, as window.confirm did, but styled, translated and accessible:
 * `if (!(await ask({ title, confirmLabel }))) return;`. Render the returned element.
 */
export function useConfirm(): [(question: Question) => Promise<boolean>, React.ReactNode] {
  const t = useTranslations("common");
  const [asking, setAsking] = useState<(Question & { answer: (yes: boolean) => void }) | null>(null);
  const ask = useCallback(
    (question: Question) => new Promise<boolean>((answer) => setAsking({ ...question, answer })),
    [],
  );
  const dialog = asking && (
    <ConfirmDialog
      open
      onOpenChange={(open) => {
        if (open) return;
        // After a confirmation too (Radix closes the dialog after the action): then a no-op.
        asking.answer(false);
        setAsking(null);
      }}
      title={asking.title}
      description={asking.description}
      confirmLabel={asking.confirmLabel}
      cancelLabel={t("cancel")}
      danger={asking.danger ?? true}
      onConfirm={() => asking.answer(true)}
    />
  );
  return [ask, dialog];
}
