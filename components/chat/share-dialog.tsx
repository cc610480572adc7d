"use client";

import { useEffect, useRef, useState } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import type { ShareOptions } from "@/lib/share/share-schema";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../ui/dialog";
import { Input } from "../ui/input";

// The Share dialog (loaded when first asked for: share-button.tsx): makes a link (snapshot or
// live; thinking, tool calls and usage shown or not), and lists the links that work, each to
// revoke. A new link is shown once, to copy: only its hash is stored.

interface ShareRow extends ShareOptions {
  id: string;
  createdAt: string;
}

export function ShareDialog({
  conversationId,
  sharing,
  options,
  onOptionsChange,
  onOpenChange,
}: {
  conversationId: string;
  sharing: "signed-in" | "public";
  /** What the next link shows (kept by the button between openings). */
  options: ShareOptions;
  onOptionsChange: (update: (options: ShareOptions) => ShareOptions) => void;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("share");
  const format = useFormatter();
  /** Links made or revoked in this dialog so far: a list read before one of them is stale. */
  const changes = useRef(0);
  // Until the list arrives, no stale link can be acted on.
  const [shares, setShares] = useState<ShareRow[] | null>(null);
  /** The link made last in this dialog: its only showing (the server keeps a hash). */
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const api = `/api/conversations/${conversationId}/shares`;

  // The dialog is rendered while open only: each opening reads the list afresh.
  useEffect(() => {
    const asked = changes.current;
    void (async () => {
      const res = await fetch(api).catch(() => null);
      const listed = res?.ok ? ((await res.json()) as { shares: ShareRow[] }).shares : null;
      // A link made or revoked meanwhile is newer than this list.
      if (listed && changes.current === asked) setShares(listed);
    })();
  }, [api]);

  async function create() {
    setBusy(true);
    setStatus(null);
    const res = await fetch(api, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(options),
    }).catch(() => null);
    setBusy(false);
    if (!res?.ok) return setStatus(t("failed"));
    const { share } = (await res.json()) as { share: ShareRow & { token: string } };
    const { token, ...row } = share;
    changes.current++;
    setCopied(false);
    setCreated({ id: row.id, url: `${window.location.origin}/share/${token}` });
    setShares((all) => [row, ...(all ?? [])]);
  }

  async function revoke(id: string) {
    const res = await fetch(`${api}/${id}`, { method: "DELETE" }).catch(() => null);
    if (!res?.ok) return setStatus(t("failed"));
    changes.current++;
    setShares((all) => (all ?? []).filter((s) => s.id !== id));
    setCreated((c) => (c?.id === id ? null : c));
    setStatus(t("revoked"));
  }

  async function copy(url: string) {
    await navigator.clipboard?.writeText(url).catch(() => {});
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  }

  const check = (key: "showThinking" | "showTools" | "showUsage") => (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        checked={options[key]}
        onChange={(e) => onOptionsChange((o) => ({ ...o, [key]: e.target.checked }))}
        className="accent-accent"
      />
      {t(key)}
    </label>
  );

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("close")} className="text-sm">
        <DialogTitle>{t("dialogTitle")}</DialogTitle>
        <DialogDescription>{sharing === "public" ? t("introPublic") : t("introSignedIn")}</DialogDescription>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">{t("mode")}</legend>
          {(["snapshot", "live"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2">
              <input
                type="radio"
                name="share-mode"
                checked={options.mode === mode}
                onChange={() => onOptionsChange((o) => ({ ...o, mode }))}
                className="accent-accent"
              />
              {t(mode)}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
          <legend className="mb-1 font-medium">{t("include")}</legend>
          {check("showThinking")}
          {check("showTools")}
          {check("showUsage")}
        </fieldset>
        <div>
          <Button variant="primary" onClick={create} disabled={busy}>
            {busy ? t("creating") : t("create")}
          </Button>
        </div>
        {created && (
          <section
            aria-labelledby="share-new-link"
            className="flex flex-col gap-1 rounded-md border border-accent/60 p-2"
            data-testid="new-share-link"
          >
            <h3 id="share-new-link" className="font-medium">
              {t("newLink")}
            </h3>
            <div className="flex items-center gap-2">
              <Input
                readOnly
                size="xs"
                mono
                value={created.url}
                aria-label={t("newLink")}
                onFocus={(e) => e.target.select()}
                className="flex-1"
              />
              <Button size="sm" onClick={() => copy(created.url)}>
                {copied ? t("copied") : t("copy")}
              </Button>
            </div>
            <p className="text-xs text-fg-muted">{t("linkOnce")}</p>
          </section>
        )}
        <section aria-labelledby="share-links" className="flex flex-col gap-2">
          <h3 id="share-links" className="font-medium">
            {t("links")}
          </h3>
          {shares?.length === 0 && <p className="text-fg-muted">{t("none")}</p>}
          {shares?.map((share) => (
            <div
              key={share.id}
              className="flex flex-col gap-1 rounded-md border border-border p-2"
              data-testid="share-link"
            >
              <div className="flex items-center gap-2">
                <span className="flex-1 text-xs text-fg-muted">
                  {t("linkLabel", {
                    mode: share.mode,
                    date: format.dateTime(new Date(share.createdAt), { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </span>
                <Button variant="danger-ghost" size="xs" onClick={() => revoke(share.id)}>
                  {t("revoke")}
                </Button>
              </div>
            </div>
          ))}
        </section>
        {status && (
          <p role="status" className="text-fg-muted">
            {status}
          </p>
        )}
      </DialogContent>
    </Dialog>
  );
}
