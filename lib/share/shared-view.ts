import type { ChatMessage, ChatPart, MessageMetadata } from "../shared/chat/message";
import type { ShareOptions } from "./share-schema";

// What a share link shows of a conversation's messages: the text always; thinking, tool calls
// and usage only as the owner chose. Nothing else leaves: no message ids, no branch structure,
// no errors' internals. Pure, so that what is left out is tested.

export interface SharedMessage {
  role: "user" | "assistant";
  parts: ChatPart[];
  metadata: Pick<MessageMetadata, "createdAt" | "model" | "usage" | "cost" | "status">;
}

function keep(part: ChatPart, options: ShareOptions): boolean {
  if (part.type === "text") return part.text.length > 0;
  if (part.type === "reasoning") return options.showThinking && part.text.length > 0;
  if (part.type === "dynamic-tool" || part.type.startsWith("tool-")) return options.showTools;
  if (part.type === "data-platform-tool" || part.type === "data-tool-duration") return options.showTools;
  // step-start markers, files, sources and anything new: not shown.
  return false;
}

export function sharedView(messages: ChatMessage[], options: ShareOptions): SharedMessage[] {
  return messages
    .filter((m): m is ChatMessage & { role: "user" | "assistant" } => m.role === "user" || m.role === "assistant")
    .map((m) => ({
      role: m.role,
      parts: m.parts.filter((p) => keep(p, options)),
      metadata: {
        createdAt: m.metadata?.createdAt,
        ...(m.role === "assistant" && m.metadata?.status ? { status: m.metadata.status } : {}),
        ...(m.role === "assistant" && m.metadata?.model ? { model: m.metadata.model } : {}),
        ...(options.showUsage && m.metadata?.usage ? { usage: m.metadata.usage } : {}),
        ...(options.showUsage && m.metadata?.cost ? { cost: m.metadata.cost } : {}),
      },
    }))
    .filter((m) => m.parts.length > 0);
}
