import { asSchema, type Tool } from "ai";

// The most tokens a prompt can be, before it is sent, without a tokenizer: the UTF-8 bytes of
// everything that goes upstream (the system prompt, every part of the messages as they are
// re-sent — tool calls and results and earlier thinking included —, the tool definitions), plus a
// generous allowance for what the chat template adds around them. A byte-level BPE (GLM's
// tokenizer is one) never makes more tokens of a text than it has bytes, whatever the script:
// Cyrillic, Thai and emoji take 2-4 bytes a character, and so at most as many tokens. A budget
// reserves this bound; what the call really cost replaces it when the call ends.
//
// The same walk over the parts gives the text that the tokenizer counts for an estimate when a
// stream ends before the platform reported usage (promptText).

/** Tokens the chat template may add: per request (its start, the assistant's turn, think tags). */
const PER_REQUEST = 64;
/** Per message (role markers) and per part beyond text (tool-call and tool-result wrappers). */
const PER_MESSAGE = 8;
const PER_PART = 8;
/** With tools: the template's instructions around their definitions, and per tool. */
const TOOLS_PREAMBLE = 512;
const PER_TOOL = 16;

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

export interface PromptMessage {
  parts: readonly { type: string; text?: unknown }[];
}

/** Parts the server adds for the interface (durations, notes): never sent to the model. */
const notSent = (type: string) => type === "step-start" || type.startsWith("data-");

/** The bound of the messages (system prompt included), without the tool definitions. */
export function messagesBound(system: string, messages: readonly PromptMessage[]): number {
  let total = PER_REQUEST + (system ? PER_MESSAGE + bytes(system) : 0);
  for (const message of messages) {
    total += PER_MESSAGE;
    for (const part of message.parts) {
      if (notSent(part.type)) continue;
      if ((part.type === "text" || part.type === "reasoning") && typeof part.text === "string") {
        total += bytes(part.text);
      } else {
        // A tool call with its input, output or error, as stored: its JSON holds all of them.
        total += PER_PART + bytes(JSON.stringify(part));
      }
    }
  }
  return total;
}

/**
 * The bound of what a further call of a tool loop adds to the previous call's prompt and output
 * (the platform's exact figures): the assistant message's wrapping and the tool results.
 */
export function toolResultsBound(results: readonly unknown[]): number {
  return results.reduce<number>(
    (sum, result) => sum + PER_MESSAGE + PER_PART + bytes(JSON.stringify(result ?? null)),
    PER_MESSAGE,
  );
}

/** A tool's definition as the platform's template prints it (JSON, spaced like Python's). */
async function definitionText(name: string, tool: Tool): Promise<string> {
  const parameters = tool.inputSchema ? await asSchema(tool.inputSchema).jsonSchema : {};
  return JSON.stringify(
    { type: "function", function: { name, description: tool.description ?? "", parameters } },
    null,
    1,
  );
}

/** The bound of the tool definitions offered (0 without tools). */
export async function toolsBound(tools: Record<string, Tool> | undefined): Promise<number> {
  const entries = Object.entries(tools ?? {});
  if (entries.length === 0) return 0;
  const texts = await Promise.all(entries.map(([name, tool]) => definitionText(name, tool)));
  return TOOLS_PREAMBLE + texts.reduce((sum, text) => sum + PER_TOOL + bytes(text), 0);
}

/** What the call sends, as text for the tokenizer (an estimate after the fact, not a bound). */
export async function promptText(
  system: string,
  messages: readonly PromptMessage[],
  tools: Record<string, Tool> | undefined,
): Promise<string> {
  const pieces = [system];
  for (const message of messages) {
    for (const part of message.parts) {
      if (notSent(part.type)) continue;
      if ((part.type === "text" || part.type === "reasoning") && typeof part.text === "string") pieces.push(part.text);
      else {
        const { input, output, errorText } = part as { input?: unknown; output?: unknown; errorText?: unknown };
        pieces.push(JSON.stringify([input ?? null, output ?? errorText ?? null]));
      }
    }
  }
  for (const [name, tool] of Object.entries(tools ?? {})) pieces.push(await definitionText(name, tool));
  return pieces.filter(Boolean).join("\n");
}
