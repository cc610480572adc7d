"use client";

import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import { revokeInviteAction } from "@/app/(admin)/admin/users/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/shared/form-state";
import type { InviteState } from "@/lib/team/invites";
import { FormStatus } from "../field";

export interface InviteRow {
  id: string;
  email: string | null;
  role: "admin" | "member";
  createdAt: Date;
  expiresAt: Date;
  state: InviteState;
  createdBy: string | null;
  usedBy: string | null;
}

/** Pending invites (withdrawable) and those of the last 30 days, with who used them. */
export function InviteList({ invites }: { invites: InviteRow[] }) {
  const t = useTranslations("admin.users");
  const format = useFormatter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<FormState | null>(null);
  if (invites.length === 0) return <p className="text-sm text-fg-muted">{t("noInvites")}</p>;
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="flex flex-col gap-2">
      <ul className="flex flex-col divide-y divide-border" aria-label={t("invitesLabel")}>
        {invites.map((invite) => (
          <li key={invite.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm" data-testid="invite">
            <span className="font-medium">{invite.email ?? t("anyEmail")}</span>
            <span className="text-fg-muted">{t(`roles.${invite.role}`)}</span>
            <Badge>{t(`inviteStates.${invite.state}`)}</Badge>
            <span className="text-fg-muted">
              {invite.state === "used" && invite.usedBy
                ? t("usedBy", { email: invite.usedBy })
                : t("expires", { date: date(invite.expiresAt) })}
            </span>
            {invite.state === "pending" && (
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={pending}
                onClick={() => start(async () => setMessage(await revokeInviteAction(invite.id)))}
                className="ml-auto"
              >
                {t("withdraw")}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {message && <FormStatus state={message} />}
    </div>
  );
}
