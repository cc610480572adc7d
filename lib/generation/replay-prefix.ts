import type { InferUIMessageChunk } from "ai";
import { isToolUIPart } from "ai";
import type { ChatMessage, ChatPart } from "../shared/chat/message";

type Chunk = InferUIMessageChunk<ChatMessage>;

// A generation that continues an answer (after the user decided on its tool calls) streams only
// what is new; a viewer that resumes it starts from nothing. So its stream begins with the
// answer as it was, rebuilt as chunks: resumers replay it, and the viewer that asked for the
// continuation (which has the answer already) skips it (lib/generation/generation).

/** The chunks that rebuild `message` in a viewer that starts from nothing, its own start first. */
export function replayPrefix(message: ChatMessage): Chunk[] {
  const chunks: Chunk[] = [{ type: "start", messageId: message.id, messageMetadata: message.metadata }];
  let inStep = false;
  message.parts.forEach((part, i) => {
    const own = (part as { id?: unknown }).id;
    const id = typeof own === "string" ? own : `replay-${i}`;
    if (part.type === "step-start") {
      if (inStep) chunks.push({ type: "finish-step" });
      chunks.push({ type: "start-step" });
      inStep = true;
    } else if (part.type === "text" || part.type === "reasoning") {
      const kind = part.type;
      chunks.push(
        { type: `${kind}-start`, id },
        { type: `${kind}-delta`, id, delta: part.text },
        { type: `${kind}-end`, id },
      );
    } else if (isToolUIPart(part)) {
      chunks.push(...toolChunks(part));
    } else if (part.type.startsWith("data-")) {
      const data = part as Extract<ChatPart, { type: `data-${string}` }>;
      chunks.push({ type: data.type, id: data.id, data: data.data } as Chunk);
    }
  });
  if (inStep) chunks.push({ type: "finish-step" });
  return chunks;
}

function toolChunks(part: Extract<ChatPart, { toolCallId: string }>): Chunk[] {
  const dynamic = part.type === "dynamic-tool";
  const toolName = dynamic ? (part as { toolName: string }).toolName : part.type.slice("tool-".length);
  const base = { toolCallId: part.toolCallId, toolName, ...(dynamic ? { dynamic: true } : {}) };
  if (part.state === "input-streaming") {
    return [{ type: "tool-input-start", ...base }];
  }
  const chunks: Chunk[] = [{ type: "tool-input-available", ...base, input: part.input }];
  const approval = "approval" in part ? part.approval : undefined;
  if (approval) chunks.push({ type: "tool-approval-request", approvalId: approval.id, toolCallId: part.toolCallId });
  if (part.state === "output-available") {
    chunks.push({ type: "tool-output-available", toolCallId: part.toolCallId, output: part.output });
  } else if (part.state === "output-error") {
    chunks.push({ type: "tool-output-error", toolCallId: part.toolCallId, errorText: part.errorText });
  } else if (part.state === "output-denied") {
    chunks.push({ type: "tool-output-denied", toolCallId: part.toolCallId });
  }
  return chunks;
}
