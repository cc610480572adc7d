import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChatView } from "@/components/chat/chat-view";
import { prerenderAnswers } from "@/components/chat/prerendered-answers";
import { requireUser } from "@/lib/auth/session";
import { parseSettings } from "@/lib/chat/conversation-settings";
import { getConversation, markSeen } from "@/lib/chat/queries/conversations";
import { getTranslations } from "@/lib/i18n/server";
import { platformStatus } from "@/lib/providers/status";
import { sharingMode } from "@/lib/share/access";
import { DEFAULT_MODEL, modelIdSchema } from "@/lib/shared/catalog/models";
import { messageNode, shownPath } from "@/lib/shared/chat/branches";
import { toChatMessage } from "@/lib/shared/chat/stored-message";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const user = await requireUser();
  const { id } = await params;
  const conversation = await getConversation(user.id, id);
  if (conversation) return { title: conversation.title };
  const t = await getTranslations("chat");
  return { title: t("notFound") };
}

export default async function ConversationPage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const conversation = await getConversation(user.id, id);
  if (!conversation) notFound();
  // An answer settled here while the user was elsewhere: now it is seen (the sidebar's mark goes).
  if (conversation.unseenAt) await markSeen(user.id, id);
  const settings = parseSettings(conversation.settings);
  const messages = conversation.messages.map(toChatMessage);
  const shown = new Set(shownPath(messages.map(messageNode), conversation.headId).map((n) => n.id));
  const [platforms, sharing] = await Promise.all([platformStatus(), sharingMode()]);
  return (
    <ChatView
      key={id}
      id={id}
      isNew={false}
      userId={user.id}
      title={conversation.title}
      initialMessages={messages}
      prerendered={prerenderAnswers(messages.filter((m) => shown.has(m.id)))}
      initialHeadId={conversation.headId}
      initialConnection={conversation.connectionId}
      initialModel={modelIdSchema.catch(DEFAULT_MODEL).parse(conversation.model)}
      initialSettings={settings}
      platforms={platforms}
      sharing={sharing}
    />
  );
}
