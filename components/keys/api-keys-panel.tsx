"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { useTranslations } from "use-intl/react";
import { CopyButton } from "@/components/chat/copy-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { useConfirm } from "@/components/ui/use-confirm";
import { type ApiKeyView, KEY_EXPIRY_DAYS, KEY_NAME_MAX, MAX_LIVE_KEYS } from "@/lib/shared/api-keys";
import { capsFromForm, KeyCapFields } from "./key-caps";
import { KeyCapsDialog } from "./key-caps-dialog";
import { KeyTable } from "./key-table";

interface Created {
  id: string;
  key: string;
  name: string;
}

/** The user's API keys: how to use them, a form for a new one (shown once), the list, Revoke. */
export function ApiKeysPanel({
  keys,
  currency,
  off,
}: {
  keys: ApiKeyView[];
  currency: string;
  /** Why the keys answer 403 now, if they do. */
  off: "team" | "user" | null;
}) {
  const t = useTranslations("keys");
  const tCommon = useTranslations("common");
  const router = useRouter();
  const nameId = useId();
  const expiryId = useId();
  const [baseUrl, setBaseUrl] = useState("/v1");
  const [created, setCreated] = useState<Created | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, start] = useTransition();
  const [ask, confirmation] = useConfirm();
  const [capping, setCapping] = useState<ApiKeyView | null>(null);
  // The address the browser reached the site at (the server cannot know it behind a proxy).
  useEffect(() => setBaseUrl(`${window.location.origin}/v1`), []);

  async function create(form: HTMLFormElement) {
    const data = new FormData(form);
    const days = String(data.get("expiresInDays") ?? "");
    const caps = capsFromForm(data);
    if (caps === "invalid") return setStatus({ ok: false, message: t("capInvalid") });
    setBusy(true);
    setStatus(null);
    const res = await fetch("/api/keys", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: String(data.get("name") ?? ""),
        expiresInDays: days ? Number(days) : null,
        ...caps,
      }),
    }).catch(() => null);
    setBusy(false);
    const body = (await res?.json().catch(() => null)) as (Created & { error?: { message: string } }) | null;
    if (!res?.ok || !body) return setStatus({ ok: false, message: body?.error?.message ?? t("failed") });
    form.reset();
    setCreated({ id: body.id, key: body.key, name: body.name });
    start(() => router.refresh());
  }

  async function revoke(key: ApiKeyView) {
    if (!(await ask({ title: t("confirmRevoke", { name: key.name }), confirmLabel: t("revoke") }))) return;
    const res = await fetch(`/api/keys/${encodeURIComponent(key.id)}`, { method: "DELETE" }).catch(() => null);
    const body =
      res && !res.ok ? ((await res.json().catch(() => null)) as { error?: { message: string } } | null) : null;
    setStatus(
      res?.ok
        ? { ok: true, message: t("revoked", { name: key.name }) }
        : { ok: false, message: body?.error?.message ?? t("failed") },
    );
    start(() => router.refresh());
  }

  return (
    <div className="flex flex-col gap-4">
      {confirmation}
      <p className="text-sm text-fg-muted">{t("intro")}</p>
      <p className="text-sm" data-testid="api-how-to">
        {t("howTo", { baseUrl })}
      </p>
      {off && <Alert variant="warn">{off === "team" ? t("teamOff") : t("userOff")}</Alert>}
      <Card aria-labelledby="new-key-heading">
        <h2 id="new-key-heading" className="mb-3 font-medium">
          {t("createHeading")}
        </h2>
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void create(e.currentTarget);
          }}
        >
          <div className="flex min-w-48 flex-1 flex-col gap-1">
            <Label htmlFor={nameId}>{t("name")}</Label>
            <Input id={nameId} name="name" required maxLength={KEY_NAME_MAX} placeholder={t("namePlaceholder")} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor={expiryId}>{t("expiry")}</Label>
            <NativeSelect id={expiryId} name="expiresInDays" defaultValue="90">
              <option value="">{t("never")}</option>
              {KEY_EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {t("days", { days })}
                </option>
              ))}
            </NativeSelect>
          </div>
          <KeyCapFields currency={currency} />
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? t("creating") : t("create")}
          </Button>
        </form>
        <p className="mt-2 text-xs text-fg-muted">
          {t("capHint")} {t("limit", { limit: MAX_LIVE_KEYS })}
        </p>
      </Card>
      {status && (
        <p role="status" className={status.ok ? "text-sm text-fg-muted" : "text-sm text-danger"}>
          {status.message}
        </p>
      )}
      <Card aria-labelledby="keys-heading">
        <h2 id="keys-heading" className="mb-3 font-medium">
          {t("listHeading")}
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("none")}</p>
        ) : (
          <KeyTable
            keys={keys}
            currency={currency}
            label={t("listLabel")}
            pending={pending}
            onRevoke={revoke}
            onEditCaps={setCapping}
          />
        )}
      </Card>
      <KeyCapsDialog
        apiKey={capping}
        currency={currency}
        onClose={() => setCapping(null)}
        onSaved={(key) => {
          setCapping(null);
          setStatus({ ok: true, message: t("capsSaved", { name: key.name }) });
          start(() => router.refresh());
        }}
      />
      <Dialog open={created !== null} onOpenChange={(open) => !open && setCreated(null)}>
        {created && (
          <DialogContent closeLabel={tCommon("close")} data-testid="new-api-key">
            <DialogTitle>{t("createdTitle")}</DialogTitle>
            <DialogDescription>{t("createdWarning")}</DialogDescription>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                mono
                size="sm"
                value={created.key}
                aria-label={t("createdLabel")}
                onFocus={(e) => e.target.select()}
                className="flex-1"
              />
              <CopyButton text={created.key} label={t("copy")} variant="secondary" />
            </div>
            <DialogFooter>
              <Button variant="primary" onClick={() => setCreated(null)}>
                {t("done")}
              </Button>
            </DialogFooter>
          </DialogContent>
        )}
      </Dialog>
    </div>
  );
}
