import { type LanguageModelV3Prompt, UnsupportedFunctionalityError } from "@ai-sdk/provider";
import type { DashScopeNativeMessage, DashScopeNativeMessageToolCall } from "./dashscope-native-api";

/**
 * The AI SDK prompt as DashScope's native `input.messages`: the same roles and tool-call shape as
 * the OpenAI-compatible mode, with reasoning passed back as `reasoning_content`.
 */
export function convertToDashScopeNativeMessages(prompt: LanguageModelV3Prompt): DashScopeNativeMessage[] {
  const messages: DashScopeNativeMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case "system":
        messages.push({ role: "system", content: message.content });
        break;
      case "user": {
        const text = message.content.map((part) => {
          if (part.type === "text") return part.text;
          throw new UnsupportedFunctionalityError({ functionality: `user message part of type ${part.type}` });
        });
        messages.push({ role: "user", content: text.join("") });
        break;
      }
      case "assistant": {
        let content = "";
        let reasoning = "";
        const toolCalls: DashScopeNativeMessageToolCall[] = [];
        for (const part of message.content) {
          if (part.type === "text") content += part.text;
          else if (part.type === "reasoning") reasoning += part.text;
          else if (part.type === "tool-call") {
            toolCalls.push({
              id: part.toolCallId,
              type: "function",
              function: { name: part.toolName, arguments: JSON.stringify(part.input) },
            });
          }
        }
        messages.push({
          role: "assistant",
          content,
          ...(reasoning ? { reasoning_content: reasoning } : {}),
          ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
        });
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type !== "tool-result") continue;
          const output = part.output;
          const content =
            output.type === "text" || output.type === "error-text"
              ? output.value
              : output.type === "json" || output.type === "error-json"
                ? JSON.stringify(output.value)
                : output.type === "execution-denied"
                  ? (output.reason ?? "The user denied this tool call.")
                  : JSON.stringify(output.value);
          messages.push({ role: "tool", tool_call_id: part.toolCallId, content });
        }
        break;
    }
  }
  return messages;
}
