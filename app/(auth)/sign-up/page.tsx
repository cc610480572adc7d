import type { Metadata } from "next";
import Link from "next/link";
import { signUpAction } from "@/app/(auth)/actions";
import { AuthAlert, AuthForm } from "@/components/auth/auth-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { ProvidersOnly } from "@/components/auth/providers-only";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { getTranslations } from "@/lib/i18n/server";
import { signUpMode } from "@/lib/team/settings";
import { isSetupToken } from "@/lib/team/setup-token";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  // The set-up link carries its token in the address: no referrer leaves with it.
  return { title: t("signUpTitle"), referrer: "no-referrer" };
}

// Sign-up as the team allows it: while it has no account, only with the set-up link printed in
// the server's log (lib/team/setup-token), whose holder becomes the admin; then openly or by
// invite (an invite link opens /invite/<token>).
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ setup?: string }> }) {
  const { setup } = await searchParams;
  const [t, mode] = await Promise.all([getTranslations("auth"), signUpMode()]);
  const password = passwordSignIn();
  if (mode === "setup") {
    if (!isSetupToken(setup)) {
      return (
        <div className="flex flex-col gap-4">
          <h1 className="text-xl font-semibold">{t("setupHeading")}</h1>
          {setup && <AuthAlert>{t("setupInvalid")}</AuthAlert>}
          <p className="text-sm text-fg-muted">{t("setupNeeded")}</p>
        </div>
      );
    }
    return (
      <>
        <div className="mb-4 flex flex-col gap-1">
          <h1 className="text-xl font-semibold">{t("setupHeading")}</h1>
          <p className="text-sm text-fg-muted">{t("setupBody")}</p>
        </div>
        {/* The set-up token travels as an invite does, through the form or a provider's sign-in. */}
        {password && (
          <AuthForm mode="sign-up" action={signUpAction} invite={{ token: setup, email: null }} otherWay={false} />
        )}
        <ProviderButtons providers={providerOptions()} invite={setup} divider={password} />
      </>
    );
  }
  if (mode === "invite") {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">{t("closedHeading")}</h1>
        {setup && <p className="text-sm">{t("setupUsed")}</p>}
        <p className="text-sm text-fg-muted">{t("closedBody")}</p>
        <p className="text-sm text-fg-muted">
          {t.rich("haveAccount", {
            link: (text) => (
              <Link className="text-accent underline" href="/sign-in">
                {text}
              </Link>
            ),
          })}
        </p>
      </div>
    );
  }
  return (
    <>
      {setup && <p className="mb-4 text-sm">{t("setupUsed")}</p>}
      {password ? <AuthForm mode="sign-up" action={signUpAction} /> : <ProvidersOnly heading={t("signUpHeading")} />}
      <ProviderButtons providers={providerOptions()} divider={password} />
    </>
  );
}
