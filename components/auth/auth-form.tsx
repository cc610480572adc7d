"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "use-intl/react";
import { type FormState, sentText } from "@/lib/shared/form-state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Input } from "../ui/input";
import { Label } from "../ui/label";

type Mode = "sign-in" | "sign-up";

export function AuthForm({
  mode,
  action,
  callbackUrl,
  invite,
  otherWay = true,
  notice,
}: {
  mode: Mode;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  callbackUrl?: string;
  /** Signing up with an invite link: its token, and the address it is for, if it names one. */
  invite?: { token: string; email: string | null };
  /** Whether to link to the other form (sign-up is not offered when it is closed). */
  otherWay?: boolean;
  /** A message from before the form (e.g. a provider's sign-in refused), shown like an error. */
  notice?: string;
}) {
  const t = useTranslations("auth");
  // The notice is the state before the first submit: the next answer replaces it.
  const [state, formAction, pending] = useActionState<FormState, FormData>(action, notice ? { message: notice } : {});
  const signUp = mode === "sign-up";
  const error = state.message;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {!invite && <h1 className="text-xl font-semibold">{signUp ? t("signUpHeading") : t("signInHeading")}</h1>}
      {error && <AuthAlert>{error}</AuthAlert>}
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      {invite && <input type="hidden" name="invite" value={invite.token} />}
      {signUp && (
        <Field
          label={t("name")}
          name="name"
          autoComplete="name"
          defaultValue={sentText(state, "name")}
          error={state.fieldErrors?.name}
        />
      )}
      <Field
        label={t("email")}
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={invite?.email ?? sentText(state, "email")}
        readOnly={Boolean(invite?.email)}
        error={state.fieldErrors?.email}
      />
      <Field
        label={t("password")}
        name="password"
        type="password"
        autoComplete={signUp ? "new-password" : "current-password"}
        required
        hint={signUp ? t("passwordHint") : undefined}
        error={state.fieldErrors?.password}
      />
      <Button type="submit" variant="primary" size="lg" disabled={pending}>
        {pending ? t("pleaseWait") : signUp ? t("createAccount") : t("signIn")}
      </Button>
      {otherWay && (
        <p className="text-sm text-fg-muted">
          {t.rich(signUp ? "haveAccount" : "newHere", {
            link: (text) => (
              <Link className="text-accent underline" href={signUp ? "/sign-in" : "/sign-up"}>
                {text}
              </Link>
            ),
          })}
        </p>
      )}
    </form>
  );
}

export function AuthAlert({ children }: { children: React.ReactNode }) {
  return (
    <Alert variant="danger">
      <p>{children}</p>
    </Alert>
  );
}

function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & Omit<
  React.InputHTMLAttributes<HTMLInputElement>,
  "size"
>) {
  const id = `field-${name}`;
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        name={name}
        size="lg"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} className="text-sm text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-fg-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
