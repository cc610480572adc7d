"use client";

import { useTranslations } from "use-intl/react";
import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";

/** Sign out here, or (after a confirmation) on every device where the user is signed in. */
export function SignOutButtons() {
  const t = useTranslations("sidebar");
  const tAuth = useTranslations("auth");
  const link = "text-fg-muted underline hover:text-fg";
  return (
    <>
      <form action={signOutAction}>
        <button type="submit" className={link}>
          {t("signOut")}
        </button>
      </form>
      <form
        action={signOutEverywhereAction}
        onSubmit={(event) => {
          if (!window.confirm(tAuth("signOutEverywhereConfirm"))) event.preventDefault();
        }}
      >
        <button type="submit" className={link}>
          {tAuth("signOutEverywhere")}
        </button>
      </form>
    </>
  );
}
