import type { Metadata } from "next";
import Link from "next/link";
import { AuthForm } from "@/components/auth/auth-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { ProvidersOnly } from "@/components/auth/providers-only";
import { signUpAction } from "@/lib/auth/actions";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { getTranslations } from "@/lib/i18n/server";
import { signUpOpen } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signUpTitle") };
}

export default async function SignUpPage() {
  const [t, open] = await Promise.all([getTranslations("auth"), signUpOpen()]);
  if (!open) {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">{t("closedHeading")}</h1>
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
  const password = passwordSignIn();
  return (
    <>
      {password ? <AuthForm mode="sign-up" action={signUpAction} /> : <ProvidersOnly heading={t("signUpHeading")} />}
      <ProviderButtons providers={providerOptions()} divider={password} />
    </>
  );
}
