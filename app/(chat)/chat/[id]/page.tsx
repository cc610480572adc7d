import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChatView } from "@/components/chat/chat-view";
import { prerenderAnswers } from "@/components/chat/prerendered-answers";
import { requireUser } from "@/lib/auth/session";
import { parseSettings } from "@/lib/chat/conversation-settings";
import { getConversationInfo, markSeen } from "@/lib/chat/queries/conversations";
import { latestPage, pageAt } from "@/lib/chat/queries/message-pages";
import { getTranslations } from "@/lib/i18n/server";
import { platformStatus } from "@/lib/providers/status";
import { sharingMode } from "@/lib/share/access";
import { DEFAULT_MODEL, modelIdSchema } from "@/lib/shared/catalog/models";
import { ABOVE_FOUND } from "@/lib/shared/chat/message-page";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ m?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const { id } = await params;
  const conversation = await getConversationInfo(user.id, id);
  if (conversation) return { title: conversation.title };
  const t = await getTranslations("chat");
  return { title: t("notFound") };
}

export default async function ConversationPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const { m } = await searchParams;
  const conversation = await getConversationInfo(user.id, id);
  if (!conversation) notFound();
  // An answer settled here while the user was elsewhere: now it is seen (the sidebar's mark goes).
  if (conversation.unseenAt) await markSeen(user.id, id);
  const settings = parseSettings(conversation.settings);
  // The latest messages of the path shown, or the path through the message a search found.
  const found = typeof m === "string" && m ? await pageAt(user.id, id, m, ABOVE_FOUND) : null;
  const [page, platforms, sharing] = await Promise.all([
    found ?? latestPage(user.id, id),
    platformStatus(),
    sharingMode(),
  ]);
  if (!page) notFound();
  return (
    <ChatView
      // A search result in the conversation already open opens it again, at the message found.
      key={found ? `${id}?m=${m}` : id}
      id={id}
      isNew={false}
      userId={user.id}
      title={conversation.title}
      initialPage={page}
      focusId={found ? (m as string) : undefined}
      prerendered={prerenderAnswers(page.messages)}
      initialConnection={conversation.connectionId}
      initialModel={modelIdSchema.catch(DEFAULT_MODEL).parse(conversation.model)}
      initialSettings={settings}
      platforms={platforms}
      sharing={sharing}
    />
  );
}
