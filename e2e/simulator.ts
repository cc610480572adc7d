import { type Plan, planResponse, type SimMessage } from "../scripts/simulator/scenario";
import { SIM_URL } from "./servers";

interface Recorded {
  path: string;
  body: {
    model: string;
    messages: SimMessage[];
    enable_thinking?: boolean;
    thinking?: { type: string };
    stream?: boolean;
  };
}

/** The request the simulator received whose last message contains `marker`, and what it answered. */
export async function upstreamCall(marker: string): Promise<{ path: string; body: Recorded["body"]; plan: Plan }> {
  const res = await fetch(`${SIM_URL}/__sim/requests`);
  const all = (await res.json()) as Recorded[];
  // The app's own title request for a new conversation repeats the message: it is not the turn.
  const match = all
    .filter((r) => JSON.stringify(r.body ?? "").includes(marker))
    .filter((r) => !JSON.stringify(r.body ?? "").includes("Reply with only a title"))
    .at(-1);
  if (!match) throw new Error(`the simulator received no request containing ${marker}`);
  if (Array.isArray(match.body)) {
    // A task API: one textInference task, thinking switched by settings.thinkingLevel.
    const task = match.body[0] as { model: string; messages: SimMessage[]; settings?: { thinkingLevel?: string } };
    const thinking = (task.settings?.thinkingLevel ?? "none") !== "none";
    return {
      path: match.path,
      body: match.body as unknown as Recorded["body"],
      plan: planResponse({ model: task.model, messages: task.messages, thinking }),
    };
  }
  const native = match.body as unknown as {
    input?: { messages: SimMessage[] };
    parameters?: { enable_thinking?: boolean };
  };
  if (native.input) {
    // DashScope's native protocol: input.messages and parameters.
    return {
      path: match.path,
      body: match.body,
      plan: planResponse({
        model: match.body.model,
        messages: native.input.messages,
        thinking: native.parameters?.enable_thinking ?? true,
      }),
    };
  }
  const thinking = match.body.enable_thinking ?? (match.body.thinking ? match.body.thinking.type === "enabled" : true);
  return {
    path: match.path,
    body: match.body,
    plan: planResponse({ model: match.body.model, messages: match.body.messages, thinking }),
  };
}

/**
 * What the simulator reported (the usage it sent) for every request containing `marker`, the
 * app's title request included: the figures a ledger must add up to.
 */
export async function reportedUsage(
  marker: string,
): Promise<{ model: string; tokens: number; input: number; output: number }[]> {
  const res = await fetch(`${SIM_URL}/__sim/requests`);
  const all = (await res.json()) as (Recorded & { usage?: { promptTokens: number; completionTokens: number } })[];
  return all
    .filter((r) => r.usage && JSON.stringify(r.body ?? "").includes(marker))
    .map((r) => ({
      model: r.body.model,
      input: r.usage?.promptTokens ?? 0,
      output: r.usage?.completionTokens ?? 0,
      tokens: (r.usage?.promptTokens ?? 0) + (r.usage?.completionTokens ?? 0),
    }));
}
