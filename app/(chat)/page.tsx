import { randomUUID } from "node:crypto";
import { ChatView } from "@/components/chat/chat-view";
import { requireUser } from "@/lib/auth/session";
import { platformStatus } from "@/lib/providers/status";
import { sharingMode } from "@/lib/share/access";
import { DEFAULT_MODEL, MODELS } from "@/lib/shared/catalog/models";
import { EMPTY_PAGE } from "@/lib/shared/chat/message-page";

export default async function NewChatPage() {
  const [user, platforms, sharing] = await Promise.all([requireUser(), platformStatus(), sharingMode()]);
  const id = randomUUID();
  // The team's default (an admin's choice), else the first model offered.
  const model = platforms.start?.model ?? DEFAULT_MODEL;
  return (
    <ChatView
      key={id}
      id={id}
      isNew
      userId={user.id}
      initialPage={EMPTY_PAGE}
      initialConnection={platforms.start?.connection}
      initialModel={model}
      initialSettings={{
        thinking: MODELS[model].thinkingByDefault,
        webSearch: false,
        tools: true,
        codeInterpreter: false,
        summarize: true,
        systemPrompt: "",
        parameters: {},
      }}
      platforms={platforms}
      sharing={sharing}
    />
  );
}
