import type { IncomingMessage, ServerResponse } from "node:http";
import { type Plan, planResponse, type SimError, type SimMessage } from "./scenario";
import { sleep, watchClose } from "./sse";

// A Runware-style task API (`POST /v1`, a JSON array of tasks) for `taskType: textInference`, as
// its model page and recorded traffic show it: sync answers `{"data": [...]}`; stream answers SSE
// `data: {json}` lines with `: ping` keep-alive comments and `data: [DONE]`. Each chunk carries
// `delta.text` or `delta.reasoningContent`; the last has `delta: {}`, `finishReason`, and
// `usage` / `cost` when includeUsage / includeCost were set. Errors are an `errors` array, with the
// HTTP status before the stream and inside a data line once it has started. Function tools come as
// `tools: [{type: "function", name, description, schema}]`; a call goes back as
// `tools: [{id, name, input}]` on a delta (stream) or the result (sync), with finishReason
// "tool_calls" (the response shape is unverified; see lib/providers/runware).

export interface RunwareTask {
  taskType?: unknown;
  taskUUID?: unknown;
  model?: unknown;
  deliveryMethod?: unknown;
  includeUsage?: unknown;
  includeCost?: unknown;
  numberResults?: unknown;
  messages?: unknown;
  settings?: { systemPrompt?: unknown; thinkingLevel?: unknown; stopSequences?: unknown; maxTokens?: unknown } | null;
  tools?: unknown;
}

const ERRORS: Record<SimError["status"], { code: string; message: string }> = {
  400: { code: "invalidMessages", message: "Invalid value for messages parameter." },
  401: { code: "invalidApiKey", message: "Invalid API key. Get one at https://my.runware.ai/signup" },
  429: { code: "tooManyRequests", message: "Too many requests. Please slow down." },
  500: { code: "internalError", message: "An internal error occurred while processing the task." },
  503: { code: "serviceUnavailable", message: "The model is temporarily unavailable." },
};

/** Runware prices per 1M tokens used by the simulator to report `cost` (USD). */
const PRICE = { input: 1.0, output: 3.2 };

export function sendRunwareError(res: ServerResponse, error: SimError, task?: RunwareTask): void {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(error.retryAfterSeconds);
  res.writeHead(error.status, headers);
  res.end(
    JSON.stringify({ errors: [{ ...ERRORS[error.status], taskType: "textInference", taskUUID: task?.taskUUID }] }),
  );
}

export async function handleRunware(req: IncomingMessage, res: ServerResponse, body: unknown): Promise<void> {
  const task = (Array.isArray(body) ? body[0] : undefined) as RunwareTask | undefined;
  if (task?.taskType !== "textInference" || typeof task.taskUUID !== "string" || !Array.isArray(task.messages)) {
    sendRunwareError(res, { status: 400 }, task);
    return;
  }
  const messages: SimMessage[] = [
    ...(typeof task.settings?.systemPrompt === "string"
      ? [{ role: "system" as const, content: task.settings.systemPrompt }]
      : []),
    ...(task.messages as SimMessage[]),
  ];
  const thinking = typeof task.settings?.thinkingLevel === "string" && task.settings.thinkingLevel !== "none";
  const tools = Array.isArray(task.tools)
    ? task.tools.flatMap((t) =>
        t?.type === "function" && typeof t.name === "string" ? [{ name: t.name as string, parameters: t.schema }] : [],
      )
    : [];
  const stop = Array.isArray(task.settings?.stopSequences) ? task.settings.stopSequences.map(String) : [];
  const candidates = typeof task.numberResults === "number" ? task.numberResults : 1;
  // maxTokens is taken to cap the answer only, thinking unbounded (the worst the seed allows).
  const maxTokens =
    typeof task.settings?.maxTokens === "number"
      ? { tokens: task.settings.maxTokens, covers: "answer" as const }
      : undefined;
  const plan = planResponse({ model: String(task.model), messages, thinking, tools, stop, candidates, maxTokens });
  if (plan.error) {
    await sleep(plan.firstDelayMs);
    sendRunwareError(res, plan.error, task);
    return;
  }
  const final = {
    ...(task.includeUsage === true ? { usage: usageOf(plan) } : {}),
    ...(task.includeCost === true ? { cost: costOf(plan) } : {}),
  };
  if (task.deliveryMethod === "stream") {
    await streamTask(req, res, task, plan, final);
    return;
  }
  await sleep(plan.firstDelayMs);
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      data: [
        {
          taskType: "textInference",
          taskUUID: task.taskUUID,
          text: plan.content.join(""),
          ...(plan.reasoning.length ? { reasoningContent: plan.reasoning.join("") } : {}),
          ...(plan.toolCall ? { tools: [callOf(plan)] } : {}),
          finishReason: plan.finishReason,
          ...final,
        },
      ],
    }),
  );
}

function usageOf(plan: Plan) {
  const { promptTokens, completionTokens, reasoningTokens } = plan.usage;
  return {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    ...(reasoningTokens ? { thinkingTokens: reasoningTokens } : {}),
  };
}

function costOf(plan: Plan): number {
  const cost = (plan.usage.promptTokens * PRICE.input + plan.usage.completionTokens * PRICE.output) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}

async function streamTask(
  req: IncomingMessage,
  res: ServerResponse,
  task: RunwareTask,
  plan: Plan,
  final: Record<string, unknown>,
): Promise<void> {
  const closed = watchClose(req, res);
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const line = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null, extra = {}) =>
    line({ taskUUID: task.taskUUID, taskType: "textInference", delta, finishReason, resultIndex: 0, ...extra });

  res.write(": ping\n\n");
  await sleep(plan.firstDelayMs);
  const deltas = [
    ...plan.reasoning.map((text) => ({ reasoningContent: text })),
    ...plan.content.map((text) => ({ text })),
    ...(plan.toolCall ? [{ tools: [callOf(plan)] }] : []),
  ];
  for (let i = 0; i < deltas.length; i++) {
    if (closed()) return;
    if (plan.dropAfter !== undefined && i >= plan.dropAfter) {
      res.write(line({ errors: [{ ...ERRORS[500], taskType: "textInference", taskUUID: task.taskUUID }] }));
      res.end();
      return;
    }
    if (plan.stallAfter !== undefined && i >= plan.stallAfter) {
      // Pings only, with the connection open, until the client gives up: the keep-alive
      // comments a real stalled stream would still send do not count as progress.
      while (!closed()) {
        res.write(": ping\n\n");
        await sleep(1000);
      }
      return;
    }
    if (plan.malformedAt === i) {
      res.write('data: {"taskUUID": "unterminated\n\n');
      await sleep(plan.delayMs);
      continue;
    }
    res.write(chunk(deltas[i]));
    if (i === Math.floor(deltas.length / 2)) res.write(": ping\n\n");
    await sleep(plan.delayMs);
  }
  if (closed()) return;
  res.write(chunk({}, plan.finishReason, plan.others.length ? {} : final));
  // The other results under their resultIndex; the usage and cost of all of them come last.
  for (const [k, other] of plan.others.entries()) {
    const result = { resultIndex: k + 1 };
    for (const text of other.reasoning) res.write(chunk({ reasoningContent: text }, null, result));
    for (const text of other.content) res.write(chunk({ text }, null, result));
    const last = k === plan.others.length - 1;
    res.write(chunk({}, other.finishReason, last ? { ...result, ...final } : result));
    await sleep(plan.delayMs);
  }
  res.write("data: [DONE]\n\n");
  res.end();
}

function callOf(plan: Plan) {
  const call = plan.toolCall;
  return { id: call?.id, name: call?.name, input: JSON.parse(call?.arguments ?? "{}") };
}
