import type { AssistantContent, ModelMessage, ToolContent, UserContent } from "ai";
import { badRequest } from "../errors";
import type { AnthropicBlock, AnthropicMessage } from "./request-schema";

// Anthropic's messages as the AI SDK's model messages: the system prompt first (as a system
// message), user text, the assistant's earlier thinking (GLM's reasoning), text and tool calls,
// and tool results, which Anthropic puts in the user's turn and the AI SDK in a tool message of
// their own (before the user's text of the same turn). Redacted thinking is Anthropic's encrypted
// reasoning, which GLM cannot read: it is left out. A system message in the conversation (as
// Claude Code sends reminders) stays a system message where it was. Text only: an image, a
// document or a server tool's block is refused (400, naming the block).

const refuse = (type: string, param: string) =>
  badRequest(`Only text, thinking, tool_use and tool_result blocks are supported; this one is "${type}".`, param);

function resultText(content: Extract<AnthropicBlock, { type: "tool_result" }>["content"], param: string): string {
  if (content === undefined) return "";
  if (typeof content === "string") return content;
  return content
    .map((b, i) => {
      if (b.type !== "text") throw refuse(b.type, `${param}.content[${i}]`);
      return b.text;
    })
    .join("");
}

export function toModelMessages(system: string, messages: readonly AnthropicMessage[]): ModelMessage[] {
  /** Tool names by call id, from the assistant messages seen so far (a result names only the id). */
  const toolNames = new Map<string, string>();
  const out: ModelMessage[] = system ? [{ role: "system", content: system }] : [];
  for (const [i, message] of messages.entries()) {
    const param = `messages[${i}]`;
    const blocks: AnthropicBlock[] =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    if (message.role === "system") {
      const texts = blocks.map((b, j) => {
        if (b.type !== "text") throw refuse(b.type, `${param}.content[${j}]`);
        return b.text;
      });
      out.push({ role: "system", content: texts.join("\n") });
      continue;
    }
    if (message.role === "assistant") {
      const parts: Exclude<AssistantContent, string> = [];
      for (const [j, b] of blocks.entries()) {
        const at = `${param}.content[${j}]`;
        switch (b.type) {
          case "text":
            if (b.text) parts.push({ type: "text", text: b.text });
            break;
          case "thinking":
            if (b.thinking) parts.push({ type: "reasoning", text: b.thinking });
            break;
          case "redacted_thinking":
            break;
          case "tool_use":
            toolNames.set(b.id, b.name);
            parts.push({ type: "tool-call", toolCallId: b.id, toolName: b.name, input: b.input ?? {} });
            break;
          case "tool_result":
            throw badRequest("A tool_result block belongs in a user message.", at);
          default:
            throw refuse(b.type, at);
        }
      }
      out.push({ role: "assistant", content: parts });
      continue;
    }
    const results: ToolContent = [];
    const user: Exclude<UserContent, string> = [];
    for (const [j, b] of blocks.entries()) {
      const at = `${param}.content[${j}]`;
      switch (b.type) {
        case "text":
          user.push({ type: "text", text: b.text });
          break;
        case "tool_result": {
          const toolName = toolNames.get(b.tool_use_id);
          if (toolName === undefined) {
            throw badRequest(
              `No assistant message before it made the tool call "${b.tool_use_id}".`,
              `${at}.tool_use_id`,
            );
          }
          const value = resultText(b.content, at);
          results.push({
            type: "tool-result",
            toolCallId: b.tool_use_id,
            toolName,
            output: b.is_error ? { type: "error-text", value } : { type: "text", value },
          });
          break;
        }
        case "thinking":
        case "redacted_thinking":
        case "tool_use":
          throw badRequest(`A ${b.type} block belongs in an assistant message.`, at);
        default:
          throw refuse(b.type, at);
      }
    }
    if (results.length > 0) out.push({ role: "tool", content: results });
    if (user.length > 0) {
      out.push({ role: "user", content: user.length === 1 && user[0].type === "text" ? user[0].text : user });
    }
  }
  return out;
}
