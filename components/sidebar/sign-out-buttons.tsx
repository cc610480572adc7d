"use client";

import { LogOutIcon } from "lucide-react";
import { useRef } from "react";
import { useTranslations } from "use-intl/react";
import { signOutAction, signOutEverywhereAction } from "@/app/actions";
import { Button } from "../ui/button";
import { useConfirm } from "../ui/use-confirm";

/** Sign out here, or (after a confirmation) on every device where the user is signed in. */
export function SignOutButtons() {
  const t = useTranslations("sidebar");
  const tAuth = useTranslations("auth");
  const [ask, confirmation] = useConfirm();
  const everywhere = useRef<HTMLFormElement>(null);
  return (
    <>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm">
          <LogOutIcon aria-hidden />
          {t("signOut")}
        </Button>
      </form>
      <form ref={everywhere} action={signOutEverywhereAction}>
        <Button
          variant="ghost"
          size="sm"
          onClick={async () => {
            const question = { title: tAuth("signOutEverywhere"), description: tAuth("signOutEverywhereConfirm") };
            if (await ask({ ...question, confirmLabel: tAuth("signOutEverywhere") }))
              everywhere.current?.requestSubmit();
          }}
        >
          {tAuth("signOutEverywhere")}
        </Button>
      </form>
      {confirmation}
    </>
  );
}
