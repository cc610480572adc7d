"use client";

import { useState } from "react";
import { useTranslations } from "use-intl/react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import type { ApiKeyView } from "@/lib/shared/api-keys";
import { capsFromForm, KeyCapFields } from "./key-caps";

/** Sets the monthly caps of one of the user's keys (PATCH /api/keys/:id). */
export function KeyCapsDialog({
  apiKey,
  currency,
  onClose,
  onSaved,
}: {
  apiKey: ApiKeyView | null;
  currency: string;
  onClose: () => void;
  onSaved: (key: ApiKeyView) => void;
}) {
  const t = useTranslations("keys");
  const tCommon = useTranslations("common");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(form: HTMLFormElement, key: ApiKeyView) {
    const caps = capsFromForm(new FormData(form));
    if (caps === "invalid") return setError(t("capInvalid"));
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/keys/${encodeURIComponent(key.id)}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(caps),
    }).catch(() => null);
    setBusy(false);
    if (res?.ok) return onSaved(key);
    const body = (await res?.json().catch(() => null)) as { error?: { message: string } } | null;
    setError(body?.error?.message ?? t("failed"));
  }

  return (
    <Dialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
    >
      {apiKey && (
        <DialogContent closeLabel={tCommon("close")} data-testid="key-caps">
          <DialogTitle>{t("capsTitle", { name: apiKey.name })}</DialogTitle>
          <DialogDescription>{t("capHint")}</DialogDescription>
          <form
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void save(e.currentTarget, apiKey);
            }}
          >
            <div className="flex flex-wrap gap-3">
              <KeyCapFields currency={currency} tokens={apiKey.capTokens} micros={apiKey.capMicros} />
            </div>
            {error && (
              <p role="alert" className="text-sm text-danger">
                {error}
              </p>
            )}
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={onClose}>
                {t("cancel")}
              </Button>
              <Button type="submit" variant="primary" disabled={busy}>
                {t("save")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
