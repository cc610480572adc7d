"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { isLinkToken } from "../crypto/link-token";
import { getTranslations } from "../i18n/server";
import { INVITE_COOKIE, INVITE_COOKIE_MAX_AGE } from "../team/invite-cookie";
import { RegistrationRefused } from "../team/registration";
import { SignUpThrottled, signUpWithPassword } from "../team/sign-up";
import { signInSchema, signUpSchema } from "./credentials";
import { AccountDisabled, SignInLocked, signIn, signOut } from "./index";
import { passwordSignIn, providerOptions } from "./provider-config";
import { getSessionUser } from "./session";
import { endAllSessions } from "./sessions";
import { clientAddress, THROTTLE } from "./throttle";

// Form actions for the sign-in and sign-up pages. They return field errors for the form to show;
// on success next-auth redirects (which Next.js implements by throwing, so it must propagate).
// Messages are in the request's language.

export interface AuthFormState {
  error?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string>>;
  values?: { name?: string; email?: string };
}

type AuthTranslator = Awaited<ReturnType<typeof getTranslations<"auth">>>;

function fieldErrors(error: z.ZodError, t: AuthTranslator, signUp: boolean): AuthFormState["fieldErrors"] {
  const flat = z.flattenError(error, (issue) => issueMessage(issue, t, signUp)).fieldErrors as Record<
    string,
    string[] | undefined
  >;
  return { name: flat.name?.[0], email: flat.email?.[0], password: flat.password?.[0] };
}

/**
 * The schemas (credentials.ts) word their messages in English; those a user can meet are looked up
 * here by field and kind. Anything else keeps Zod's own words.
 */
function issueMessage(issue: z.core.$ZodIssue, t: AuthTranslator, signUp: boolean): string {
  const field = issue.path[0];
  if (field === "email" && issue.code === "invalid_format") return t("errors.emailInvalid");
  if (field === "password" && issue.code === "too_small") {
    // Sign-in only asks for a password; sign-up asks for a long enough one.
    return signUp ? t("errors.passwordTooShort", { min: Number(issue.minimum) }) : t("errors.passwordMissing");
  }
  // Sign-in's limit has no words of its own in the schema.
  if (field === "password" && issue.code === "too_big" && signUp) {
    return t("errors.passwordTooLong", { max: Number(issue.maximum) });
  }
  return issue.message;
}

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const t = await getTranslations("auth");
  const values = { email: String(form.get("email") ?? "") };
  if (!passwordSignIn()) return { error: t("errors.providersOnly"), values };
  const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error, t, false), values };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(form.get("callbackUrl")) });
    return {};
  } catch (error) {
    if (error instanceof SignInLocked || (error instanceof CredentialsSignin && error.code === "locked")) {
      return { error: t("errors.locked", { minutes: Math.round(THROTTLE.lockMs / 60_000) }), values };
    }
    if (error instanceof AccountDisabled || (error instanceof CredentialsSignin && error.code === "disabled")) {
      return { error: t("errors.disabled"), values };
    }
    if (error instanceof AuthError) return { error: t("errors.wrongCredentials"), values };
    throw error;
  }
}

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const t = await getTranslations("auth");
  const values = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  if (!passwordSignIn()) return { error: t("errors.providersOnly"), values };
  const parsed = signUpSchema.safeParse({
    name: form.get("name") ?? undefined,
    email: form.get("email"),
    password: form.get("password"),
  });
  if (!parsed.success) return { fieldErrors: fieldErrors(parsed.error, t, true), values };
  const { name, email, password } = parsed.data;
  const link = form.get("invite");
  try {
    await signUpWithPassword({
      email,
      name,
      password,
      linkToken: typeof link === "string" && link !== "" ? link : null,
      address: clientAddress(await headers()),
    });
  } catch (error) {
    if (error instanceof SignUpThrottled) {
      return { error: t("errors.signUpThrottled", { minutes: Math.round(THROTTLE.lockMs / 60_000) }), values };
    }
    if (error instanceof RegistrationRefused) {
      // Two sign-ups with the same email at once: the unique index decides.
      if (error.reason === "emailTaken") return { fieldErrors: { email: t("errors.emailTaken") }, values };
      if (error.reason === "inviteEmail") return { fieldErrors: { email: t("errors.inviteEmail") }, values };
      return { error: t(`errors.${error.reason}`), values };
    }
    console.error("sign-up: could not create the user", error);
    return { error: t("errors.createFailed"), values };
  }
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: t("errors.signInAfterSignUp"), values };
    throw error;
  }
}

/**
 * Sign-in through a provider (GitHub, Google, OIDC), from the sign-in page or an invite page. The
 * invite travels in a short-lived cookie through the provider and back (lib/team/invite-cookie).
 */
export async function providerSignInAction(form: FormData): Promise<void> {
  const provider = providerOptions().find((p) => p.id === form.get("provider"));
  if (!provider) redirect("/sign-in?error=Configuration");
  const invite = form.get("invite");
  if (isLinkToken(invite)) {
    (await cookies()).set(INVITE_COOKIE, invite, {
      httpOnly: true,
      sameSite: "lax",
      // Secure whenever the page itself is (a server action always carries its Origin).
      secure: (await headers()).get("origin")?.startsWith("https:") ?? false,
      maxAge: INVITE_COOKIE_MAX_AGE,
      path: "/",
    });
  }
  await signIn(provider.id, { redirectTo: safeRedirect(form.get("callbackUrl")) });
}

/**
 * Signs out (the session ends on the server too: lib/auth/index events), then to the sign-in
 * page, or back to the same-site page the form names (`next`).
 */
export async function signOutAction(form?: FormData): Promise<void> {
  const next = form?.get("next") ?? null;
  await signOut({ redirectTo: next ? safeRedirect(next) : "/sign-in" });
}

/** Signs the user out on every device where they are signed in, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await endAllSessions(user.id);
  await signOut({ redirectTo: "/sign-in" });
}

/** Only same-site paths, so a crafted link cannot send a user elsewhere after signing in. */
function safeRedirect(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}
