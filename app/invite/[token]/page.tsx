import type { Metadata } from "next";
import { AuthForm } from "@/components/auth/auth-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { signUpAction } from "@/lib/auth/actions";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { getTranslations } from "@/lib/i18n/server";
import { openInvite } from "@/lib/team/invites";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  // The link is private: search engines have no business with it.
  return { title: t("inviteTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, invite] = await Promise.all([getTranslations("auth"), openInvite(token)]);
  if (invite?.state !== "pending") {
    return (
      <div className="flex flex-col gap-4">
        <h1 className="text-xl font-semibold">{t("inviteHeading")}</h1>
        <p role="alert" className="text-sm">
          {t("inviteGone", { state: invite?.state ?? "revoked" })}
        </p>
      </div>
    );
  }
  const password = passwordSignIn();
  return (
    <>
      <div className="mb-4 flex flex-col gap-1">
        <h1 className="text-xl font-semibold">{t("inviteHeading")}</h1>
        <p className="text-sm text-fg-muted">{t("inviteRole", { role: invite.role })}</p>
        {invite.email && <p className="text-sm text-fg-muted">{t("inviteFor", { email: invite.email })}</p>}
      </div>
      {password && (
        <AuthForm mode="sign-up" action={signUpAction} invite={{ token, email: invite.email }} otherWay={false} />
      )}
      <ProviderButtons providers={providerOptions()} invite={token} divider={password} />
    </>
  );
}
