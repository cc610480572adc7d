"use server";

import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/index";
import { safeRedirect } from "@/lib/auth/safe-redirect";
import { getSessionUser } from "@/lib/auth/session";
import { endAllSessions } from "@/lib/auth/sessions";
import { isLocale, LOCALE_COOKIE } from "@/lib/shared/locales";

// The actions any page may show: signing out (the sidebar, an invite page) and the interface
// language (the sidebar, the sign-in pages).

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

/** Keeps the user's interface language (a cookie: it applies before sign-in as well). */
export async function setLocaleAction(locale: string): Promise<{ ok: boolean }> {
  if (!isLocale(locale)) return { ok: false };
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
  });
  return { ok: true };
}
