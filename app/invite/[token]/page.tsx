import type { Metadata } from "next";
import Link from "next/link";
import { signUpAction } from "@/app/(auth)/actions";
import { signOutAction } from "@/app/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { ProviderButtons } from "@/components/auth/provider-buttons";
import { Button } from "@/components/ui/button";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { openInvite } from "@/lib/team/invites";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  // The link is private: search engines have no business with it.
  return { title: t("inviteTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

// Outside the sign-in pages' layout, which sends a signed-in visitor to the chat: someone who
// opens an invite while signed in (often the admin trying the link) is told why it does not apply.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, invite, user] = await Promise.all([getTranslations("auth"), openInvite(token), getSessionUser()]);
  if (invite?.state !== "pending") {
    return (
      <AuthCard>
        <h1 className="mb-4 text-xl font-semibold">{t("inviteHeading")}</h1>
        <p role="alert" className="text-sm">
          {t("inviteGone", { state: invite?.state ?? "unknown" })}
        </p>
      </AuthCard>
    );
  }
  if (user) {
    return (
      <AuthCard>
        <h1 className="mb-4 text-xl font-semibold">{t("inviteHeading")}</h1>
        <p className="text-sm">{t("inviteSignedIn", { email: user.email })}</p>
        <div className="mt-4 flex gap-2">
          <form action={signOutAction}>
            <input type="hidden" name="next" value={`/invite/${token}`} />
            <Button type="submit" variant="primary" size="lg">
              {t("signOutToJoin")}
            </Button>
          </form>
          <Button asChild size="lg">
            <Link href="/">{t("backToChat")}</Link>
          </Button>
        </div>
      </AuthCard>
    );
  }
  const password = passwordSignIn();
  return (
    <AuthCard>
      <div className="mb-4 flex flex-col gap-1">
        <h1 className="text-xl font-semibold">{t("inviteHeading")}</h1>
        <p className="text-sm text-fg-muted">{t("inviteRole", { role: invite.role })}</p>
        {invite.email && <p className="text-sm text-fg-muted">{t("inviteFor", { email: invite.email })}</p>}
      </div>
      {password && (
        <AuthForm mode="sign-up" action={signUpAction} invite={{ token, email: invite.email }} otherWay={false} />
      )}
      <ProviderButtons providers={providerOptions()} invite={token} divider={password} />
    </AuthCard>
  );
}
