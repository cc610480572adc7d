"use client";

import { LogOutIcon } from "lucide-react";
import { useRef, useState } from "react";
import { useTranslations } from "use-intl/react";
import { signOutAction, signOutEverywhereAction } from "@/lib/auth/actions";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Sign out here, or (after a confirmation) on every device where the user is signed in. */
export function SignOutButtons() {
  const t = useTranslations("sidebar");
  const tAuth = useTranslations("auth");
  const tCommon = useTranslations("common");
  const [confirming, setConfirming] = useState(false);
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
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
          {tAuth("signOutEverywhere")}
        </Button>
      </form>
      {confirming && (
        <ConfirmDialog
          open
          onOpenChange={setConfirming}
          title={tAuth("signOutEverywhere")}
          description={tAuth("signOutEverywhereConfirm")}
          confirmLabel={tAuth("signOutEverywhere")}
          cancelLabel={tCommon("cancel")}
          onConfirm={() => everywhere.current?.requestSubmit()}
        />
      )}
    </>
  );
}
