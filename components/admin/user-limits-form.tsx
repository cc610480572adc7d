"use client";

import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { saveUserLimitsAction } from "@/app/(admin)/admin/budgets/actions";
import { formKey, sentText } from "@/lib/api/form-state";
import { MICROS } from "@/lib/spend/money";

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
  const cell = (name: "tokens" | "money" | "rate", label: string, value: number | null) => (
    <label className="flex flex-col gap-1 text-xs">
      <span className="text-fg-muted">{label}</span>
      <input
        name={name}
        defaultValue={sentText(state, name) ?? value ?? ""}
        placeholder={t("defaults")}
        aria-invalid={Boolean(state.fieldErrors?.[name])}
        className="w-32 rounded-md border border-border bg-bg px-2 py-1 text-sm"
      />
      {state.fieldErrors?.[name] && <span className="text-danger">{state.fieldErrors[name]}</span>}
    </label>
  );
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
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-border px-3 py-1 text-sm font-medium hover:bg-muted disabled:opacity-60"
      >
        {t("saveUser")}
      </button>
      {state.message && (
        <p role="status" className={`w-full text-sm ${state.ok ? "text-fg-muted" : "text-danger"}`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
