"use client";

import { useState, useTransition } from "react";
import { useTranslations } from "use-intl/react";
import { revokeAnyKeyAction } from "@/app/(admin)/admin/keys/actions";
import { type KeyRow, KeyTable } from "@/components/keys/key-table";
import { cn } from "@/components/ui/cn";
import { useConfirm } from "@/components/ui/use-confirm";

/** Every member's API keys with their owners; an admin revokes any of them. */
export function AllKeys({ keys, currency }: { keys: KeyRow[]; currency: string }) {
  const t = useTranslations("admin.apiKeys");
  const tKeys = useTranslations("keys");
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const [ask, confirmation] = useConfirm();
  const revoke = async (key: KeyRow) => {
    const owner = key.owner?.name ?? key.owner?.email ?? "";
    if (!(await ask({ title: t("confirmRevoke", { name: key.name, owner }), confirmLabel: tKeys("revoke") }))) return;
    start(async () => {
      const state = await revokeAnyKeyAction(key.id);
      setResult({ ok: state.ok !== false, message: state.message ?? t("revoked", { name: key.name, owner }) });
    });
  };
  if (keys.length === 0) return <p className="text-sm text-fg-muted">{t("none")}</p>;
  return (
    <div className="flex flex-col gap-2">
      {confirmation}
      {result && (
        <p role="status" className={cn("text-sm", result.ok ? "text-fg-muted" : "text-danger")}>
          {result.message}
        </p>
      )}
      <KeyTable
        keys={keys}
        currency={currency}
        label={t("keysLabel")}
        ownerLabel={t("owner")}
        pending={pending}
        onRevoke={revoke}
      />
    </div>
  );
}
