import {
  type LanguageModelV3Prompt,
  type LanguageModelV3ToolResultOutput,
  UnsupportedFunctionalityError,
} from "@ai-sdk/provider";
import type { RunwareMessage } from "./runware-api";

/**
 * The AI SDK prompt as a task's `messages`: system messages become one `settings.systemPrompt`,
 * tool calls and results take the shape Runware's SDKs send. Calls the platform ran itself
 * (providerExecuted) are not sent back.
 */
export function convertToRunwareMessages(prompt: LanguageModelV3Prompt): {
  systemPrompt: string | undefined;
  messages: RunwareMessage[];
} {
  const system: string[] = [];
  const messages: RunwareMessage[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case "system":
        system.push(message.content);
        break;
      case "user": {
        const content = message.content
          .map((part) => {
            if (part.type === "text") return part.text;
            throw new UnsupportedFunctionalityError({ functionality: `user message part of type ${part.type}` });
          })
          .join("");
        if (content) messages.push({ role: "user", content });
        break;
      }
      case "assistant": {
        let content = "";
        const tools: { id: string; name: string; input: unknown }[] = [];
        for (const part of message.content) {
          if (part.type === "text") content += part.text;
          else if (part.type === "tool-call" && !part.providerExecuted)
            tools.push({ id: part.toolCallId, name: part.toolName, input: part.input });
        }
        if (content || tools.length) messages.push({ role: "assistant", content, ...(tools.length ? { tools } : {}) });
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type === "tool-result")
            messages.push({ role: "tool", id: part.toolCallId, content: outputText(part.output) });
        }
        break;
    }
  }
  return { systemPrompt: system.length ? system.join("\n\n") : undefined, messages };
}

function outputText(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "execution-denied":
      return output.reason ?? "The user denied this tool call.";
    default:
      return JSON.stringify(output.value);
  }
}
