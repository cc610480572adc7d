import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import type { DashScopeNativeFunctionTool, DashScopeNativeToolChoice } from "./dashscope-native-api";

/**
 * `parameters.tools` and `tool_choice` in the OpenAI shape the native API shares: the function
 * tools (provider-defined ones have no DashScope form and are left out); none at all when no
 * function tool is left.
 */
export function prepareDashScopeNativeTools({
  tools,
  toolChoice,
}: {
  tools: LanguageModelV3CallOptions["tools"];
  toolChoice: LanguageModelV3CallOptions["toolChoice"];
}): { tools: DashScopeNativeFunctionTool[] | undefined; toolChoice: DashScopeNativeToolChoice } {
  const functions = (tools ?? []).flatMap((t): DashScopeNativeFunctionTool[] =>
    t.type === "function"
      ? [{ type: "function", function: { name: t.name, description: t.description, parameters: t.inputSchema } }]
      : [],
  );
  if (!functions.length) return { tools: undefined, toolChoice: undefined };
  return {
    tools: functions,
    toolChoice:
      toolChoice?.type === "tool" ? { type: "function", function: { name: toolChoice.toolName } } : toolChoice?.type,
  };
}
