import type { LanguageModelV3CallOptions } from "@ai-sdk/provider";
import type { RunwareTool, RunwareToolChoice } from "./runware-api";

/**
 * The task's `tools` and `toolChoice`: the function tools (provider-defined ones have no Runware
 * form and are left out), then the server-side tools the options switch on. A tool choice is sent
 * only with function tools; "required" is Runware's "any".
 */
export function prepareRunwareTools({
  tools,
  toolChoice,
  search,
  codeInterpreter,
}: {
  tools: LanguageModelV3CallOptions["tools"];
  toolChoice: LanguageModelV3CallOptions["toolChoice"];
  search?: boolean;
  codeInterpreter?: boolean;
}): { tools: RunwareTool[] | undefined; toolChoice: RunwareToolChoice | undefined } {
  const runwareTools: RunwareTool[] = [
    ...(tools ?? []).flatMap((t): RunwareTool[] =>
      t.type === "function"
        ? [{ type: "function", name: t.name, description: t.description, schema: t.inputSchema }]
        : [],
    ),
    ...(search ? [{ type: "search" as const }] : []),
    ...(codeInterpreter ? [{ type: "codeInterpreter" as const }] : []),
  ];
  return {
    tools: runwareTools.length ? runwareTools : undefined,
    toolChoice:
      toolChoice === undefined || !tools?.length
        ? undefined
        : toolChoice.type === "tool"
          ? { type: "tool", name: toolChoice.toolName }
          : { type: toolChoice.type === "required" ? "any" : toolChoice.type },
  };
}
