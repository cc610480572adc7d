import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ContinueButton } from "@/components/share/continue-button";
import { SharedMessageView } from "@/components/share/shared-message";
import { getSessionUser } from "@/lib/auth/session";
import { getLocale, getTranslations } from "@/lib/i18n/server";
import { readShare } from "@/lib/share/access";
import { textOf } from "@/lib/shared/chat/message";

// A shared conversation, read-only and server-rendered, for whoever has the link and may read it
// (the team's sharing setting, lib/share/access). An unknown or revoked token, or any token while
// sharing is off, is a plain 404 that says nothing about why; a signed-out reader of a team that
// shares with members only is sent to sign in, and back here.

type Props = { params: Promise<{ token: string }> };

/** Page and metadata read the link once per request. */
const access = cache(async (token: string) => readShare(token, await getSessionUser()));

const signInPath = (token: string) => `/sign-in?callbackUrl=${encodeURIComponent(`/share/${token}`)}`;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  const read = await access(token);
  if (read.kind === "sign-in") redirect(signInPath(token));
  if (read.kind === "not-found") notFound();
  const { shared } = read;
  const t = await getTranslations("share.page");
  const answer = shared.messages.find((m) => m.role === "assistant");
  const description = answer
    ? textOf(answer).slice(0, 1_000).replace(/\s+/g, " ").slice(0, 200)
    : t("description", { model: shared.model });
  return {
    title: shared.title,
    description,
    // A link is for the people it was given to, not for search engines.
    robots: { index: false, follow: false },
    openGraph: { title: shared.title, description, type: "article", siteName: "GLM Chat" },
    twitter: { card: "summary", title: shared.title, description },
  };
}

export default async function SharedConversationPage({ params }: Props) {
  const { token } = await params;
  const read = await access(token);
  if (read.kind === "sign-in") redirect(signInPath(token));
  if (read.kind === "not-found") notFound();
  const { shared } = read;
  const [t, locale, viewer] = await Promise.all([getTranslations("share.page"), getLocale(), getSessionUser()]);
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "long",
  }).format(shared.sharedAt);
  return (
    <div className="min-h-dvh bg-bg">
      <header className="border-b border-border px-4 py-3">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-4 gap-y-2">
          <Link href="/" className="font-semibold">
            GLM Chat
          </Link>
          <p className="text-sm text-fg-muted">
            {shared.mode === "live" ? t("sharedLive") : t("sharedSnapshot", { date })}
          </p>
          <div className="ml-auto">
            {viewer ? (
              <ContinueButton token={token} label={t("continue")} hint={t("continueHint")} />
            ) : (
              <Link href={signInPath(token)} className="text-sm underline">
                {t("signInToContinue")}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main className="mx-auto flex max-w-3xl flex-col gap-6 px-4 py-6">
        <h1 className="text-xl font-semibold">{shared.title}</h1>
        {shared.messages.length === 0 && <p className="text-fg-muted">{t("empty")}</p>}
        {shared.messages.map((message, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: shared messages carry no ids on purpose
          <SharedMessageView key={i} message={message} />
        ))}
      </main>
    </div>
  );
}
