import type { AssistantContent, ModelMessage, ToolContent } from "ai";
import { badRequest } from "../errors";
import type { OpenAIMessage } from "./request-schema";

// OpenAI's chat messages as the AI SDK's model messages: system and developer messages stay
// where they are (as system messages), user text, the assistant's earlier thinking, text and tool
// calls, and tool results, each named by the call it answers. Text only: an image or audio part is
// refused (400). One pass over the messages; each part is looked at once.

type Content = OpenAIMessage["content"];

function textOf(content: Content | null | undefined, param: string): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  const pieces: string[] = [];
  for (const [i, part] of content.entries()) {
    if (part.type !== "text" || typeof part.text !== "string") {
      throw badRequest(
        `Only text content is supported; part ${i} is of type "${part.type}".`,
        `${param}.content[${i}]`,
      );
    }
    pieces.push(part.text);
  }
  return pieces.join("");
}

export function toModelMessages(messages: readonly OpenAIMessage[]): ModelMessage[] {
  /** Tool names by call id, from the assistant messages seen so far (a result names only the id). */
  const toolNames = new Map<string, string>();
  const out: ModelMessage[] = [];
  for (const [i, message] of messages.entries()) {
    const param = `messages[${i}]`;
    switch (message.role) {
      case "system":
      case "developer":
        out.push({ role: "system", content: textOf(message.content, param) });
        break;
      case "user":
        out.push({ role: "user", content: textOf(message.content, param) });
        break;
      case "assistant": {
        const parts: Exclude<AssistantContent, string> = [];
        if (message.reasoning_content) parts.push({ type: "reasoning", text: message.reasoning_content });
        const text = textOf(message.content, param);
        if (text) parts.push({ type: "text", text });
        for (const [j, call] of (message.tool_calls ?? []).entries()) {
          let input: unknown;
          try {
            input = call.function.arguments.trim() === "" ? {} : JSON.parse(call.function.arguments);
          } catch {
            throw badRequest("The tool call's arguments are not JSON.", `${param}.tool_calls[${j}].function.arguments`);
          }
          toolNames.set(call.id, call.function.name);
          parts.push({ type: "tool-call", toolCallId: call.id, toolName: call.function.name, input });
        }
        out.push({ role: "assistant", content: parts });
        break;
      }
      case "tool": {
        const toolName = toolNames.get(message.tool_call_id);
        if (toolName === undefined) {
          throw badRequest(
            `No assistant message before it made the tool call "${message.tool_call_id}".`,
            `${param}.tool_call_id`,
          );
        }
        const result: ToolContent[number] = {
          type: "tool-result",
          toolCallId: message.tool_call_id,
          toolName,
          output: { type: "text", value: textOf(message.content, param) },
        };
        // Results of one assistant message's calls go together, as one tool message.
        const last = out.at(-1);
        if (last?.role === "tool") last.content.push(result);
        else out.push({ role: "tool", content: [result] });
        break;
      }
    }
  }
  return out;
}
