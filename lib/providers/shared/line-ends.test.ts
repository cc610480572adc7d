import { streamText } from "ai";
import { describe, expect, it } from "vitest";
import { HOSTILE_INPUT_MS } from "@/test/timing";
import { PLATFORMS } from "../../shared/platforms";
import { languageModel } from "../configured";
import { createDashScopeNative } from "../dashscope-native";
import { createRunware } from "../runware";
import { lfLineEnds } from "./line-ends";

async function through(chunks: string[]): Promise<string[]> {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const out: string[] = [];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  }).pipeThrough(lfLineEnds());
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) out.push(decoder.decode(chunk));
  return out;
}

describe("lfLineEnds", () => {
  it("makes CRLF and lone CR line ends LF, also when CR and LF arrive in different chunks", async () => {
    expect(await through(["data: a\r\n\r\ndata: b\rdata: c\r", "\ndata: d\r", "\r\n", "é\n"])).toEqual([
      "data: a\n\ndata: b\ndata: c\n",
      "data: d\n",
      "\n",
      "é\n",
    ]);
  });
});

// Each provider over a body that is one chunk of 1,000,000 LF line ends and a CRLF, then an
// answer: eventsource-parser searched for the next CR from every line (about 6 s here).
const hostile = (event: string) => `${"\n".repeat(1_000_000)}\r\ndata: ${event}\r\n\r\n`;

function serving(body: string): typeof fetch {
  return async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          controller.close();
        },
      }),
      { headers: { "content-type": "text/event-stream" } },
    );
}

async function timedAnswer(model: Parameters<typeof streamText>[0]["model"]): Promise<{ text: string; ms: number }> {
  const start = performance.now();
  const result = streamText({ model, prompt: "hi", maxRetries: 0 });
  let text = "";
  for await (const part of result.fullStream) {
    if (part.type === "text-delta") text += part.text;
    if (part.type === "error") throw part.error;
  }
  return { text, ms: performance.now() - start };
}

describe("providers over a hostile event stream", () => {
  it("DashScope native", async () => {
    const event = JSON.stringify({
      output: { choices: [{ message: { role: "assistant", content: "ok" }, finish_reason: "stop" }] },
      usage: { input_tokens: 1, output_tokens: 1 },
      request_id: "r",
    });
    const model = createDashScopeNative({ baseURL: "https://ds.example", apiKey: "k", fetch: serving(hostile(event)) });
    const { text, ms } = await timedAnswer(model.chatModel("glm-5.1"));
    expect(text).toBe("ok");
    expect(ms).toBeLessThan(HOSTILE_INPUT_MS);
  });

  it("Runware", async () => {
    const event = JSON.stringify({
      taskUUID: "t",
      delta: { text: "ok" },
      finishReason: "stop",
      usage: { promptTokens: 1, completionTokens: 1 },
    });
    const model = createRunware({ baseURL: "https://rw.example", apiKey: "k", fetch: serving(hostile(event)) });
    const { text, ms } = await timedAnswer(model.chatModel("zai:glm@5.1"));
    expect(text).toBe("ok");
    expect(ms).toBeLessThan(HOSTILE_INPUT_MS);
  });

  it("OpenAI-compatible platforms (the AI SDK's parser)", async () => {
    const event = JSON.stringify({
      id: "c",
      object: "chat.completion.chunk",
      created: 1,
      model: "glm-5.1",
      choices: [{ index: 0, delta: { content: "ok" }, finish_reason: "stop" }],
    });
    const config = { platform: PLATFORMS.dashscope, baseURL: "https://oc.example/v1", apiKey: "k" };
    const { text, ms } = await timedAnswer(languageModel(config, "glm-5.1", serving(hostile(event))));
    expect(text).toBe("ok");
    expect(ms).toBeLessThan(HOSTILE_INPUT_MS);
  });
});
