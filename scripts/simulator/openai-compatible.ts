import type { IncomingMessage, ServerResponse } from "node:http";
import { type Dialect, stringify } from "./dialects";
import { type Plan, planResponse, type SimError, type SimMessage, type SimTool } from "./scenario";
import { sleep, watchClose } from "./sse";

// The OpenAI-compatible chat completions stream, as each GLM platform prints it (see
// dialects.ts): `reasoning_content` deltas before `content` deltas, a chunk with the
// finish_reason, the usage (its own chunk with `choices: []`, or BigModel's finish chunk), then
// `data: [DONE]`. Non-streaming requests get one chat.completion object. A tool call comes after
// the reasoning as `delta.tool_calls`: with `tool_stream` the first fragment carries id and name and
// the arguments follow in pieces; without it, the whole call arrives in one chunk. The finish
// reason is then "tool_calls".

/** The function tools of an OpenAI-style request (`tools: [{type, function: {name, parameters}}]`). */
export function openAITools(tools: unknown): SimTool[] {
  if (!Array.isArray(tools)) return [];
  return tools.flatMap((t) =>
    t?.type === "function" && typeof t.function?.name === "string"
      ? [{ name: t.function.name as string, parameters: t.function.parameters }]
      : [],
  );
}

export function sendCompatibleError(res: ServerResponse, dialect: Dialect, error: SimError): void {
  const { body, headers } = dialect.error(error);
  res.writeHead(error.status, { "content-type": "application/json", ...headers });
  res.end(stringify(dialect, body));
}

export async function handleCompatibleChat(
  req: IncomingMessage,
  res: ServerResponse,
  dialect: Dialect,
  body: Record<string, unknown>,
  /**
   * Told the usage once the answer is finished (tests add up what the platform billed), and
   * whether the client was still there to receive it.
   */
  reported: (usage: Plan["usage"], delivered: boolean) => void = () => {},
): Promise<void> {
  if (typeof body.model !== "string" || !Array.isArray(body.messages) || body.messages.length === 0) {
    sendCompatibleError(res, dialect, { status: 400 });
    return;
  }
  const model = body.model;
  const thinking = dialect.thinking(body) ?? dialect.thinksByDefault;
  const plan = planResponse({
    model,
    messages: body.messages as SimMessage[],
    thinking,
    tools: openAITools(body.tools),
    stop: [body.stop ?? []].flat().filter((s): s is string => typeof s === "string"),
    candidates: typeof body.n === "number" ? body.n : 1,
    maxTokens:
      typeof body.max_tokens === "number" ? { tokens: body.max_tokens, covers: dialect.maxTokensCovers } : undefined,
    thinkingBudget: dialect.thinkingBudget(body),
  });
  if (plan.error) {
    await sleep(plan.firstDelayMs);
    sendCompatibleError(res, dialect, plan.error);
    return;
  }
  const meta = {
    id: dialect.responseId(),
    created: Math.floor(Date.now() / 1000),
    model,
  };
  if (body.stream === true) {
    const options = body.stream_options as { include_usage?: unknown } | undefined;
    const includeUsage = dialect.alwaysUsage || options?.include_usage === true;
    if (await streamPlan(req, res, dialect, plan, { ...meta, includeUsage, toolStream: dialect.toolStream(body) })) {
      reported(plan.usage, true);
    }
    return;
  }
  // An answer that is not streamed is finished and billed even if the client has given up
  // meanwhile, as a platform's is: nothing is sent before the end that would show it gone.
  const closed = watchClose(req, res);
  await sleep(plan.firstDelayMs);
  const delivered = !closed();
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    stringify(
      dialect,
      dialect.envelope({
        id: meta.id,
        model,
        object: "chat.completion",
        created: meta.created,
        choices: [
          {
            index: 0,
            message: {
              role: "assistant",
              content: plan.content.join(""),
              ...(plan.reasoning.length ? { reasoning_content: plan.reasoning.join("") } : {}),
              ...(plan.toolCall
                ? {
                    tool_calls: [
                      {
                        id: plan.toolCall.id,
                        type: "function",
                        function: { name: plan.toolCall.name, arguments: plan.toolCall.arguments },
                      },
                    ],
                  }
                : {}),
            },
            finish_reason: plan.finishReason,
          },
        ],
        usage: usageOf(plan),
      }),
    ),
  );
  reported(plan.usage, delivered);
}

function usageOf(plan: Plan) {
  const { promptTokens, completionTokens, reasoningTokens } = plan.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    ...(reasoningTokens ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } } : {}),
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

async function streamPlan(
  req: IncomingMessage,
  res: ServerResponse,
  dialect: Dialect,
  plan: Plan,
  meta: { id: string; created: number; model: string; includeUsage: boolean; toolStream: boolean },
): Promise<boolean> {
  const closed = watchClose(req, res);
  res.writeHead(200, {
    "content-type": "text/event-stream;charset=UTF-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const chunk = (choices: unknown[], usage?: unknown) =>
    `data: ${stringify(
      dialect,
      dialect.envelope({
        id: meta.id,
        object: "chat.completion.chunk",
        created: meta.created,
        model: meta.model,
        choices,
        usage,
      }),
    )}\n\n`;
  const choice = (delta: Record<string, unknown>, finish: string | null = null) => ({
    delta,
    finish_reason: finish,
    index: 0,
    ...(dialect.id === "dashscope" ? { logprobs: null } : {}),
  });

  await sleep(plan.firstDelayMs);
  if (closed()) return false;
  const thinking = plan.reasoning.length > 0;
  res.write(chunk([choice(dialect.firstDelta(thinking))]));
  const deltas = [
    ...plan.reasoning.map((text) =>
      dialect.id === "dashscope" ? { content: null, reasoning_content: text } : { reasoning_content: text },
    ),
    ...plan.content.map((text) =>
      dialect.id === "dashscope" && thinking ? { content: text, reasoning_content: null } : { content: text },
    ),
    ...toolCallDeltas(plan, meta.toolStream),
  ];
  let sent = 0;
  for (const delta of deltas) {
    if (closed()) return false;
    if (plan.dropAfter !== undefined && sent >= plan.dropAfter) {
      res.socket?.destroy();
      return false;
    }
    if (plan.stallAfter !== undefined && sent >= plan.stallAfter) {
      // Silence, with the connection open, until the client gives up.
      await new Promise<void>((resolve) => res.on("close", () => resolve()));
      return false;
    }
    res.write(
      plan.malformedAt === sent ? 'data: {"choices":[{"delta":{"content":"unterminated\n\n' : chunk([choice(delta)]),
    );
    sent++;
    await sleep(plan.delayMs);
  }
  // The other answers, each under its own index, then their finish.
  for (const [k, other] of plan.others.entries()) {
    for (const text of other.reasoning) res.write(chunk([{ ...choice({ reasoning_content: text }), index: k + 1 }]));
    for (const text of other.content) res.write(chunk([{ ...choice({ content: text }), index: k + 1 }]));
    res.write(chunk([{ ...choice({}, other.finishReason), index: k + 1 }]));
    await sleep(plan.delayMs);
  }
  if (plan.holdUsage) {
    await new Promise<void>((resolve) => res.on("close", () => resolve()));
    return false;
  }
  if (closed()) return false;
  const finish = plan.finishReason;
  if (dialect.usageInFinishChunk) {
    res.write(chunk([choice({ role: "assistant", content: "" }, finish)], usageOf(plan)));
  } else {
    res.write(
      chunk([choice(dialect.id === "dashscope" && thinking ? { content: "", reasoning_content: null } : {}, finish)]),
    );
    if (meta.includeUsage) res.write(chunk([], usageOf(plan)));
  }
  res.write("data: [DONE]\n\n");
  res.end();
  return dialect.usageInFinishChunk || meta.includeUsage;
}

/** The deltas of the plan's tool call: streamed in fragments, or whole. */
function toolCallDeltas(plan: Plan, fragments: boolean): Record<string, unknown>[] {
  const call = plan.toolCall;
  if (!call) return [];
  const head = { index: 0, id: call.id, type: "function" };
  if (!fragments) return [{ tool_calls: [{ ...head, function: { name: call.name, arguments: call.arguments } }] }];
  return [
    { tool_calls: [{ ...head, function: { name: call.name, arguments: "" } }] },
    ...call.fragments.map((piece) => ({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
  ];
}
