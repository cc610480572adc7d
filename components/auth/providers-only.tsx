import { getTranslations } from "@/lib/i18n/server";
import { AuthAlert } from "./auth-form";

/** What stands in for the password form when the team signs in through its provider only. */
export async function ProvidersOnly({ heading, notice }: { heading: string; notice?: string }) {
  const t = await getTranslations("auth");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">{heading}</h1>
      {notice && <AuthAlert>{notice}</AuthAlert>}
      <p className="text-sm text-fg-muted">{t("providersOnlyBody")}</p>
    </div>
  );
}
