"use client";

import { useState, useTransition } from "react";
import { useFormatter, useTranslations } from "use-intl/react";
import { changeMemberAction, type MemberChange } from "@/app/(admin)/admin/users/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NativeSelect } from "@/components/ui/native-select";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { useConfirm } from "@/components/ui/use-confirm";
import type { FormState } from "@/lib/shared/form-state";
import { ROLES, type Role } from "@/lib/shared/roles";

export interface MemberRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
  apiAccessOff: boolean;
  methods: string[];
}

/** Everyone on the team: role, status, how and when they last signed in, and what an admin can change. */
export function MembersTable({
  members,
  selfId,
  providerNames,
}: {
  members: MemberRow[];
  selfId: string;
  /** What the configured sign-in providers are called ("oidc" → the team's name for it). */
  providerNames: Record<string, string>;
}) {
  const t = useTranslations("admin.users");
  const tCommon = useTranslations("common");
  const [result, setResult] = useState<(FormState & { email: string }) | null>(null);
  const [pending, start] = useTransition();
  const [ask, confirmation] = useConfirm();
  /** Makes the change, after asking `question` (confirmed by a button named `confirmLabel`) when given. */
  const run = async (member: MemberRow, change: MemberChange, question?: string, confirmLabel?: string) => {
    if (question && !(await ask({ title: question, confirmLabel: confirmLabel ?? tCommon("confirm") }))) return;
    start(async () => setResult({ ...(await changeMemberAction(change)), email: member.email }));
  };
  return (
    <div className="flex flex-col gap-2">
      {confirmation}
      {result?.message && (
        <p role="status" className={cn("text-sm", result.ok ? "text-fg-muted" : "text-danger")}>
          {result.email}: {result.message}
        </p>
      )}
      <ScrollRegion label={t("membersLabel")}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("membersLabel")}</caption>
          <thead className="text-fg-muted">
            <tr>
              <th className="py-1 pr-3 font-medium">{t("member")}</th>
              <th className="py-1 pr-3 font-medium">{t("role")}</th>
              <th className="py-1 pr-3 font-medium">{t("status")}</th>
              <th className="py-1 pr-3 font-medium">{t("lastSignIn")}</th>
              <th className="py-1 font-medium">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {members.map((member) => (
              <MemberItem
                key={member.id}
                member={member}
                self={member.id === selfId}
                providerNames={providerNames}
                pending={pending}
                run={run}
              />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

function MemberItem({
  member,
  self,
  providerNames,
  pending,
  run,
}: {
  member: MemberRow;
  self: boolean;
  providerNames: Record<string, string>;
  pending: boolean;
  run: (member: MemberRow, change: MemberChange, question?: string, confirmLabel?: string) => Promise<void>;
}) {
  const t = useTranslations("admin.users");
  const format = useFormatter();
  const who = member.name ?? member.email;
  return (
    <tr data-testid="member" data-email={member.email}>
      <td className="py-2 pr-3">
        <span className="block font-medium">
          {member.name ?? member.email}
          {self && <span className="ml-1 text-xs text-fg-muted">{t("you")}</span>}
        </span>
        {member.name && <span className="block text-fg-muted">{member.email}</span>}
        <span className="block text-xs text-fg-muted">
          {member.methods.map((m) => (m === "password" ? t("methodPassword") : (providerNames[m] ?? m))).join(" · ")}
        </span>
      </td>
      <td className="py-2 pr-3">
        <NativeSelect
          size="sm"
          aria-label={t("roleOf", { who })}
          value={member.role}
          disabled={pending}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            run(member, { kind: "role", id: member.id, role }, self ? t("confirmOwnRole") : undefined);
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </NativeSelect>
      </td>
      <td className="py-2 pr-3">
        {member.disabled ? (
          <Badge variant="danger">{t("disabled")}</Badge>
        ) : (
          <span className="text-xs text-fg-muted">{t("active")}</span>
        )}
        {member.apiAccessOff && (
          <Badge variant="warn" className="ml-1">
            {t("apiOff")}
          </Badge>
        )}
      </td>
      <td className="py-2 pr-3 text-fg-muted">
        {member.lastSignInAt
          ? format.dateTime(member.lastSignInAt, { dateStyle: "medium", timeStyle: "short" })
          : t("never")}
      </td>
      <td className="py-2">
        <div className="flex flex-wrap justify-end gap-2">
          <Button
            size="sm"
            disabled={pending || member.disabled}
            onClick={() =>
              run(
                member,
                { kind: "signOut", id: member.id },
                self ? t("confirmOwnSignOut") : t("confirmSignOut", { who }),
                t("signOutEverywhere"),
              )
            }
          >
            {t("signOutEverywhere")}
          </Button>
          {member.apiAccessOff ? (
            <Button
              size="sm"
              disabled={pending}
              aria-label={`${t("turnApiOn")}: ${who}`}
              onClick={() => run(member, { kind: "apiOn", id: member.id })}
            >
              {t("turnApiOn")}
            </Button>
          ) : (
            <Button
              size="sm"
              disabled={pending}
              aria-label={`${t("turnApiOff")}: ${who}`}
              onClick={() =>
                run(member, { kind: "apiOff", id: member.id }, t("confirmApiOff", { who }), t("turnApiOff"))
              }
            >
              {t("turnApiOff")}
            </Button>
          )}
          {member.disabled ? (
            <Button size="sm" disabled={pending} onClick={() => run(member, { kind: "enable", id: member.id })}>
              {t("enable")}
            </Button>
          ) : (
            !self && (
              <Button
                variant="danger-ghost"
                size="sm"
                disabled={pending}
                onClick={() =>
                  run(member, { kind: "disable", id: member.id }, t("confirmDisable", { who }), t("disable"))
                }
              >
                {t("disable")}
              </Button>
            )
          )}
        </div>
      </td>
    </tr>
  );
}
