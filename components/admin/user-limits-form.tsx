"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveUserLimitsAction } from "@/app/(admin)/admin/budgets/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formKey, sentText } from "@/lib/shared/form-state";
import { MICROS } from "@/lib/shared/spend/money";
import { FormStatus } from "./field";

/** One user's own limits, in a row of the budgets page (blank: the team's default applies). */
export function UserLimitsForm({
  user,
  currency,
  used,
}: {
  user: {
    id: string;
    email: string;
    own: { monthlyTokens: number | null; monthlyMicros: number | null; requestsPerMinute: number | null };
  };
  currency: string;
  /** This month's spend, already formatted. */
  used: string;
}) {
  const t = useTranslations("admin.budgets");
  const [state, action, pending] = useActionState(saveUserLimitsAction, {});
  const cell = (name: "tokens" | "money" | "rate", label: string, value: number | null) => {
    const id = `limits-${user.id}-${name}`;
    return (
      <div className="flex w-32 flex-col gap-1">
        <Label htmlFor={id} size="xs" variant="muted">
          {label}
        </Label>
        <Input
          id={id}
          name={name}
          size="sm"
          defaultValue={sentText(state, name) ?? value ?? ""}
          placeholder={t("defaults")}
          aria-invalid={Boolean(state.fieldErrors?.[name])}
        />
        {state.fieldErrors?.[name] && <span className="text-xs text-danger">{state.fieldErrors[name]}</span>}
      </div>
    );
  };
  return (
    <form
      key={formKey(state)}
      action={action}
      className="flex flex-wrap items-end gap-3 border-t border-border py-3"
      aria-label={user.email}
      data-testid="user-limits"
      noValidate
    >
      <input type="hidden" name="userId" value={user.id} />
      <div className="flex min-w-48 flex-1 flex-col">
        <span className="truncate text-sm font-medium">{user.email}</span>
        <span className="text-xs text-fg-muted">
          {t("thisMonth")}: {used}
        </span>
      </div>
      {cell("tokens", t("ownTokens"), user.own.monthlyTokens)}
      {cell(
        "money",
        t("ownMoney", { currency }),
        user.own.monthlyMicros === null ? null : user.own.monthlyMicros / MICROS,
      )}
      {cell("rate", t("ownRate"), user.own.requestsPerMinute)}
      <Button type="submit" size="sm" disabled={pending}>
        {t("saveUser")}
      </Button>
      <FormStatus state={state} className="w-full" />
    </form>
  );
}
