import Link from "next/link";
import { getTranslations } from "@/lib/i18n/server";

export default async function NotFound() {
  const t = await getTranslations("common.notFound");
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="text-fg-muted">{t("body")}</p>
      <Link href="/" className="text-accent underline">
        {t("startChat")}
      </Link>
    </main>
  );
}
