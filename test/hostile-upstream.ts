import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A self-hosted, OpenAI-compatible "platform" (as vLLM answers) that does what the GLM simulator
// will not, for the abuse suite (scripts/abuse): a marker in the last user message picks it.
//   [[hostile:candidates]]    every candidate (`n`) streams at once, interleaved, then the stream
//                             goes silent without finish or usage, until the client gives up
//   [[hostile:tool-calls:N]]  N calls of the first tool offered, in one step; once the results
//                             are back, a short answer
// Otherwise a short answer. Serves one model, glm-4.6 (GET /v1/models). Requests are recorded.

export interface HostileUpstream {
  baseURL: string;
  apiKey: string;
  requests: { messages: { role: string }[]; n?: number; tools?: unknown[] }[];
  close: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
}

export async function startHostileUpstream(apiKey = "sk-hostile"): Promise<HostileUpstream> {
  const requests: HostileUpstream["requests"] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"bad key"}}');
      return;
    }
    if (req.method === "GET" && req.url === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: [{ id: "glm-4.6", object: "model", owned_by: "vllm" }] }));
      return;
    }
    if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const body = (await readJson(req)) as {
      model: string;
      n?: number;
      messages: { role: string; content?: unknown }[];
      tools?: { function: { name: string } }[];
    };
    requests.push({ messages: body.messages, n: body.n, tools: body.tools });
    const lastUser = [...body.messages].reverse().find((m) => m.role === "user");
    const prompt = JSON.stringify(lastUser?.content ?? "");
    const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
    let open = true;
    void closed.then(() => {
      open = false;
    });
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (choices: unknown[], usage?: unknown) =>
      res.write(
        `data: ${JSON.stringify({ id: "hostile", object: "chat.completion.chunk", created: 0, model: body.model, choices, usage })}\n\n`,
      );
    const usage = (completion: number) => ({
      prompt_tokens: 20,
      completion_tokens: completion,
      total_tokens: 20 + completion,
    });

    const calls = /\[\[hostile:tool-calls:(\d+)\]\]/.exec(prompt);
    const tool = body.tools?.[0]?.function.name;
    if (calls && tool && body.messages.at(-1)?.role !== "tool") {
      const count = Number(calls[1]);
      send([
        {
          index: 0,
          delta: {
            role: "assistant",
            tool_calls: Array.from({ length: count }, (_, i) => ({
              index: i,
              id: `call_${i}`,
              type: "function",
              function: { name: tool, arguments: JSON.stringify({ timezone: "UTC" }) },
            })),
          },
          finish_reason: null,
        },
      ]);
      send([{ index: 0, delta: {}, finish_reason: "tool_calls" }]);
      send([], usage(count * 10));
    } else if (prompt.includes("[[hostile:candidates]]")) {
      const n = body.n ?? 1;
      for (let round = 0; round < 400 && open; round++) {
        send(
          Array.from({ length: n }, (_, index) => ({
            index,
            delta: { content: `word${round} ` },
            finish_reason: null,
          })),
        );
        await sleep(10);
      }
      // Silent from here: no finish, no usage.
      await closed;
      return;
    } else {
      send([{ index: 0, delta: { role: "assistant", content: "A short answer." }, finish_reason: null }]);
      send([{ index: 0, delta: {}, finish_reason: "stop" }]);
      send([], usage(4));
    }
    res.end("data: [DONE]\n\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    apiKey,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
