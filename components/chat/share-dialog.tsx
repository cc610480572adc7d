"use client";

import { Share2Icon } from "lucide-react";
import { useRef, useState } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import type { ShareOptions } from "@/lib/share/share-schema";
import { Button } from "../ui/button";

// The conversation's Share button: a dialog to make a link (snapshot or live; thinking, tool
// calls and usage shown or not), and the links that work, each to revoke. A new link is shown
// once, to copy: only its hash is stored. Not rendered when the admin switched sharing off.

interface ShareRow extends ShareOptions {
  id: string;
  createdAt: string;
}

export function ShareDialog({ conversationId, sharing }: { conversationId: string; sharing: "signed-in" | "public" }) {
  const t = useTranslations("share");
  const format = useFormatter();
  const dialog = useRef<HTMLDialogElement>(null);
  /** Links made or revoked in this dialog so far: a list read before one of them is stale. */
  const changes = useRef(0);
  const [shares, setShares] = useState<ShareRow[] | null>(null);
  /** The link made last in this dialog: its only showing (the server keeps a hash). */
  const [created, setCreated] = useState<{ id: string; url: string } | null>(null);
  const [options, setOptions] = useState<ShareOptions>({
    mode: "snapshot",
    showThinking: false,
    showTools: false,
    showUsage: false,
  });
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const api = `/api/conversations/${conversationId}/shares`;

  async function open() {
    setStatus(null);
    setCreated(null);
    // The list is read afresh each time; until it arrives, no stale link can be acted on.
    setShares(null);
    dialog.current?.showModal();
    const asked = changes.current;
    const res = await fetch(api).catch(() => null);
    const listed = res?.ok ? ((await res.json()) as { shares: ShareRow[] }).shares : null;
    // A link made or revoked meanwhile is newer than this list.
    if (listed && changes.current === asked) setShares(listed);
  }

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
        onChange={(e) => setOptions((o) => ({ ...o, [key]: e.target.checked }))}
        className="accent-accent"
      />
      {t(key)}
    </label>
  );

  return (
    <>
      <Button size="sm" onClick={open}>
        <Share2Icon aria-hidden />
        {t("button")}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="share-title"
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-xl border border-border bg-bg p-0 text-fg backdrop:bg-black/40"
      >
        <div className="flex flex-col gap-4 p-4 text-sm">
          <h2 id="share-title" className="text-base font-semibold">
            {t("dialogTitle")}
          </h2>
          <p className="text-fg-muted">{sharing === "public" ? t("introPublic") : t("introSignedIn")}</p>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 font-medium">{t("mode")}</legend>
            {(["snapshot", "live"] as const).map((mode) => (
              <label key={mode} className="flex items-center gap-2">
                <input
                  type="radio"
                  name="share-mode"
                  checked={options.mode === mode}
                  onChange={() => setOptions((o) => ({ ...o, mode }))}
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
            <button
              type="button"
              onClick={create}
              disabled={busy}
              className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60"
            >
              {busy ? t("creating") : t("create")}
            </button>
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
                <input
                  readOnly
                  value={created.url}
                  aria-label={t("newLink")}
                  onFocus={(e) => e.target.select()}
                  className="min-w-0 flex-1 rounded border border-border bg-panel px-2 py-1 font-mono text-xs"
                />
                <button type="button" onClick={() => copy(created.url)} className="underline">
                  {copied ? t("copied") : t("copy")}
                </button>
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
                  <button type="button" onClick={() => revoke(share.id)} className="text-danger underline">
                    {t("revoke")}
                  </button>
                </div>
              </div>
            ))}
          </section>
          {status && (
            <p role="status" className="text-fg-muted">
              {status}
            </p>
          )}
          <form method="dialog" className="flex justify-end">
            <button type="submit" className="rounded-md border border-border px-3 py-1.5">
              {t("close")}
            </button>
          </form>
        </div>
      </dialog>
    </>
  );
}
