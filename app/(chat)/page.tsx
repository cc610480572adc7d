import { randomUUID } from "node:crypto";
import { ChatView } from "@/components/chat/chat-view";
import { requireUser } from "@/lib/auth/session";
import { DEFAULT_MODEL, MODELS } from "@/lib/catalog/models";
import { platformStatus } from "@/lib/providers/status";

export default async function NewChatPage() {
  const user = await requireUser();
  const id = randomUUID();
  return (
    <ChatView
      key={id}
      id={id}
      isNew
      userId={user.id}
      initialMessages={[]}
      initialModel={DEFAULT_MODEL}
      initialSettings={{
        thinking: MODELS[DEFAULT_MODEL].thinkingByDefault,
        webSearch: false,
        tools: true,
        codeInterpreter: false,
        systemPrompt: "",
        parameters: {},
      }}
      platforms={await platformStatus()}
    />
  );
}
