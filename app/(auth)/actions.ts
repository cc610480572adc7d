"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import type { z } from "zod";
import { formAction, type Translator } from "@/lib/api/action";
import { formText } from "@/lib/api/form-fields";
import { signInSchema, signUpSchema } from "@/lib/auth/credentials";
import { AccountDisabled, SignInLocked, signIn } from "@/lib/auth/index";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { clientAddress, THROTTLE } from "@/lib/auth/throttle";
import { isLinkToken } from "@/lib/crypto/link-token";
import { INVITE_COOKIE, INVITE_COOKIE_MAX_AGE } from "@/lib/team/invite-cookie";
import { RegistrationRefused } from "@/lib/team/registration";
import { SignUpThrottled, signUpWithPassword } from "@/lib/team/sign-up";

// The actions of the sign-in and sign-up pages, and of an invite's (app/invite/[token], outside
// this group only so that a signed-in visitor is told why the link does not apply). They return
// field errors for the form to show; on success next-auth redirects (which Next.js implements by
// throwing, so it must propagate). Messages are in the request's language.

/**
 * The schemas (lib/auth/credentials) word their messages in English; those a user can meet are
 * looked up here by field and kind. Anything else keeps Zod's own words.
 */
function issueMessage(issue: z.core.$ZodIssue, t: Translator<"auth">, signUp: boolean): string | undefined {
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
  return undefined;
}

export const signInAction = formAction(
  signInSchema.extend({ callbackUrl: formText }),
  async ({ callbackUrl, ...credentials }, { t }) => {
    if (!passwordSignIn()) return { ok: false, message: t("errors.providersOnly") };
    try {
      await signIn("credentials", { ...credentials, redirectTo: safeRedirect(callbackUrl) });
      return {};
    } catch (error) {
      if (error instanceof SignInLocked || (error instanceof CredentialsSignin && error.code === "locked")) {
        return { ok: false, message: t("errors.locked", { minutes: Math.round(THROTTLE.lockMs / 60_000) }) };
      }
      if (error instanceof AccountDisabled || (error instanceof CredentialsSignin && error.code === "disabled")) {
        return { ok: false, message: t("errors.disabled") };
      }
      if (error instanceof AuthError) return { ok: false, message: t("errors.wrongCredentials") };
      throw error;
    }
  },
  { messages: "auth", issue: (issue, t) => issueMessage(issue, t, false), secret: ["password"] },
);

export const signUpAction = formAction(
  signUpSchema.extend({ invite: formText }),
  async ({ name, email, password, invite }, { t }) => {
    if (!passwordSignIn()) return { ok: false, message: t("errors.providersOnly") };
    try {
      await signUpWithPassword({
        email,
        name,
        password,
        linkToken: invite !== "" ? invite : null,
        address: clientAddress(await headers()),
      });
    } catch (error) {
      if (error instanceof SignUpThrottled) {
        return { ok: false, message: t("errors.signUpThrottled", { minutes: Math.round(THROTTLE.lockMs / 60_000) }) };
      }
      if (error instanceof RegistrationRefused) {
        // Two sign-ups with the same email at once: the unique index decides.
        if (error.reason === "emailTaken") return { ok: false, fieldErrors: { email: t("errors.emailTaken") } };
        if (error.reason === "inviteEmail") return { ok: false, fieldErrors: { email: t("errors.inviteEmail") } };
        return { ok: false, message: t(`errors.${error.reason}`) };
      }
      console.error("sign-up: could not create the user", error);
      return { ok: false, message: t("errors.createFailed") };
    }
    try {
      await signIn("credentials", { email, password, redirectTo: "/" });
      return {};
    } catch (error) {
      if (error instanceof AuthError) return { ok: false, message: t("errors.signInAfterSignUp") };
      throw error;
    }
  },
  { messages: "auth", issue: (issue, t) => issueMessage(issue, t, true), secret: ["password"] },
);

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
