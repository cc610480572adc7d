import type { Metadata } from "next";
import { signInAction } from "@/app/(auth)/actions";
import { AuthForm } from "@/components/auth/auth-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { ProvidersOnly } from "@/components/auth/providers-only";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { signInErrorKey } from "@/lib/auth/sign-in-errors";
import { getTranslations } from "@/lib/i18n/server";
import { signUpMode } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signInTitle") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  const [t, mode] = await Promise.all([getTranslations("auth"), signUpMode()]);
  // The sign-up page also says how a team without accounts gets its first one.
  const open = mode !== "invite";
  const errorKey = signInErrorKey(error);
  const notice = errorKey ? t(`errors.${errorKey}`) : undefined;
  const providers = providerOptions();
  const password = passwordSignIn();
  return (
    <>
      {password ? (
        <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} otherWay={open} notice={notice} />
      ) : (
        <ProvidersOnly heading={t("signInHeading")} notice={notice} />
      )}
      <ProviderButtons providers={providers} callbackUrl={callbackUrl} divider={password} />
    </>
  );
}
