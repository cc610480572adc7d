"use client";

import { useState, useTransition } from "react";
import { deleteConnectionAction, testConnectionAction } from "@/lib/providers/connection-actions";
import type { ConnectionRow } from "@/lib/providers/connection-admin";
import type { PlatformId } from "@/lib/providers/platforms";
import { ConnectionForm } from "./connection-form";

export function ConnectionList({ rows }: { rows: ConnectionRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl border border-border bg-bg p-4 text-sm text-fg-muted">No platform is connected yet.</p>
    );
  }
  return (
    <ul className="flex flex-col gap-3" aria-label="Connected platforms">
      {rows.map((row) => (
        <ConnectionItem key={row.id} row={row} />
      ))}
    </ul>
  );
}

function ConnectionItem({ row }: { row: ConnectionRow }) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <li className="rounded-xl border border-border bg-bg p-4" data-testid="connection">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium">{row.label}</span>
        <span className="text-sm text-fg-muted">{row.platformLabel}</span>
        {!row.enabled && <span className="rounded bg-muted px-1.5 text-xs">disabled</span>}
        {row.source === "env" && <span className="rounded bg-muted px-1.5 text-xs">from environment</span>}
        <div className="ml-auto flex gap-2">
          <button
            type="button"
            disabled={pending}
            onClick={() => start(async () => setResult(await testConnectionAction(row.id)))}
            className="rounded-md border border-border px-3 py-1 text-sm hover:bg-muted disabled:opacity-60"
          >
            {pending ? "Testing…" : "Test connection"}
          </button>
          {row.source === "admin" && (
            <button
              type="button"
              onClick={() => {
                if (window.confirm(`Remove "${row.label}"? Chats that use it will have to pick another model.`)) {
                  start(async () => {
                    const removed = await deleteConnectionAction(row.id).catch(() => ({ ok: false }));
                    if (!removed.ok) {
                      setResult({
                        ok: false,
                        message: `"${row.label}" could not be removed: reload the page and try again.`,
                      });
                    }
                  });
                }
              }}
              className="rounded-md border border-border px-3 py-1 text-sm text-danger hover:bg-muted"
            >
              Remove
            </button>
          )}
        </div>
      </div>
      <p className="mt-1 break-all text-sm text-fg-muted">
        {row.baseUrl} · key {row.keyHint ?? "none"}
      </p>
      {row.problem && (
        <p role="alert" className="mt-2 text-sm text-danger" data-testid="connection-problem">
          Not in use: {row.problem}
        </p>
      )}
      {result && (
        <p role="status" className={`mt-2 text-sm ${result.ok ? "text-fg" : "text-danger"}`} data-testid="test-result">
          {result.message}
        </p>
      )}
      {row.source === "admin" && (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-fg-muted">Edit</summary>
          <div className="mt-2">
            <ConnectionForm initial={{ ...row, platform: row.platform as PlatformId }} />
          </div>
        </details>
      )}
    </li>
  );
}
