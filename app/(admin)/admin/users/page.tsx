import type { Metadata } from "next";
import { PageHeader } from "@/components/admin/page-header";
import { InviteForm } from "@/components/admin/team/invite-form";
import { InviteList } from "@/components/admin/team/invite-list";
import { MembersTable } from "@/components/admin/team/members-table";
import { SharingForm } from "@/components/admin/team/sharing-form";
import { SignUpForm } from "@/components/admin/team/sign-up-form";
import { Card } from "@/components/ui/card";
import { passwordSignIn, providerOptions } from "@/lib/auth/provider-config";
import { requireAdmin } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { listInvites } from "@/lib/team/invites";
import { listMembers } from "@/lib/team/members";
import { loadTeamPolicy } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.users");
  return { title: t("title") };
}

export default async function UsersPage() {
  const admin = await requireAdmin();
  const [members, invites, policy, t, tSharing] = await Promise.all([
    listMembers(),
    listInvites(),
    loadTeamPolicy(),
    getTranslations("admin.users"),
    getTranslations("admin.sharing"),
  ]);
  const providers = providerOptions();
  const methods = [...(passwordSignIn() ? [t("methodPassword")] : []), ...providers.map((p) => p.name)].join(", ");
  return (
    <div className="flex flex-col gap-6">
      <PageHeader heading={t("heading")} intro={t("intro")} />
      <Card aria-labelledby="members-heading">
        <h2 id="members-heading" className="mb-3 font-medium">
          {t("membersHeading", { count: members.length })}
        </h2>
        <MembersTable
          members={members}
          selfId={admin.id}
          providerNames={Object.fromEntries(providers.map((p) => [p.id, p.name]))}
        />
      </Card>
      <Card aria-labelledby="invite-heading">
        <h2 id="invite-heading" className="mb-1 font-medium">
          {t("inviteHeading")}
        </h2>
        <p className="mb-3 text-sm text-fg-muted">{t("inviteIntro")}</p>
        <InviteForm />
        <h3 className="mt-4 mb-1 text-sm font-medium">{t("invitesHeading")}</h3>
        <InviteList invites={invites} />
      </Card>
      <Card aria-labelledby="sign-up-heading">
        <h2 id="sign-up-heading" className="mb-1 font-medium">
          {t("signUpHeading")}
        </h2>
        <p className="mb-3 text-sm text-fg-muted">{t("signInMethods", { methods })}</p>
        <SignUpForm mode={policy.signUp} />
      </Card>
      <Card aria-labelledby="sharing-heading">
        <h2 id="sharing-heading" className="mb-1 font-medium">
          {tSharing("heading")}
        </h2>
        <p className="mb-3 text-sm text-fg-muted">{tSharing("intro")}</p>
        <SharingForm mode={policy.sharing} />
      </Card>
    </div>
  );
}
