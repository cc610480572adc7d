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
  const match = all.filter((r) => JSON.stringify(r.body?.messages?.at(-1) ?? "").includes(marker)).at(-1);
  if (!match) throw new Error(`the simulator received no request containing ${marker}`);
  const thinking = match.body.enable_thinking ?? (match.body.thinking ? match.body.thinking.type === "enabled" : true);
  return {
    path: match.path,
    body: match.body,
    plan: planResponse({ model: match.body.model, messages: match.body.messages, thinking }),
  };
}
