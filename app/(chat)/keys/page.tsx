import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/keys/api-keys-panel";
import { requireUser } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/server";
import { listApiKeys, userApiAccessOff } from "@/lib/keys/keys";
import { spendConfig } from "@/lib/spend/config";
import { loadTeamPolicy } from "@/lib/team/settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("keys");
  return { title: t("title") };
}

/** The user's personal API keys for the team's GLM API (/v1). */
export default async function ApiKeysPage() {
  const user = await requireUser();
  const [keys, config, policy, userOff, t] = await Promise.all([
    listApiKeys(user.id),
    spendConfig(),
    loadTeamPolicy(),
    userApiAccessOff(user.id),
    getTranslations("keys"),
  ]);
  return (
    <div className="overflow-y-auto p-4">
      <div className="mx-auto flex max-w-5xl flex-col gap-4">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <ApiKeysPanel
          keys={keys}
          currency={config.currency}
          off={!policy.apiAccess ? "team" : userOff ? "user" : null}
        />
      </div>
    </div>
  );
}
