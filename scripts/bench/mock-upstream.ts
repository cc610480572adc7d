// The upstream of `npm run bench:load`: an OpenAI-compatible chat completions server (DashScope's
// compatible mode, as the platform documents it) that streams a fixed answer, as cheaply as it can
// so that it is never the bottleneck: the frames are built once per configuration and each stream
// only writes them, one every `spacingMs`. Runs in its own process (the load client and the app
// each have theirs).
// Usage: tsx scripts/bench/mock-upstream.ts <port>; POST /__bench/config {chunks, spacingMs}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

const port = Number(process.argv[2]);
if (!port) throw new Error("usage: mock-upstream.ts <port>");

interface Config {
  /** Deltas in an answer: the first half thinking, the second half text. */
  chunks: number;
  /** Time between two deltas, ms. */
  spacingMs: number;
}

let config: Config = { chunks: 40, spacingMs: 50 };
let frames = framesOf(config);

function framesOf({ chunks }: Config): Buffer[] {
  const created = Math.floor(Date.now() / 1000);
  const frame = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-bench",
      object: "chat.completion.chunk",
      created,
      model: "glm-5.1",
      choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    })}\n\n`;
  const thinking = Math.floor(chunks / 2);
  const out: string[] = [];
  for (let i = 0; i < chunks; i++) {
    // A few tokens per delta, as the platforms send them.
    out.push(
      i < thinking
        ? frame({ content: null, reasoning_content: `Considering step ${i} of it. ` })
        : frame({ content: `Part ${i} of the answer, ` }),
    );
  }
  out[0] = frame({ role: "assistant", content: null, reasoning_content: "Considering step 0 of it. " });
  out.push(
    frame({ content: "" }, "stop") +
      frame({}, null, {
        prompt_tokens: 120,
        completion_tokens: chunks * 6,
        total_tokens: 120 + chunks * 6,
        completion_tokens_details: { reasoning_tokens: thinking * 6 },
      }) +
      "data: [DONE]\n\n",
  );
  return out.map((s) => Buffer.from(s));
}

let streamsStarted = 0;

function stream(res: ServerResponse) {
  streamsStarted++;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  const mine = frames;
  const { spacingMs } = config;
  let i = 0;
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  const next = () => {
    if (closed) return;
    res.write(mine[i++]);
    if (i === mine.length) res.end();
    else setTimeout(next, spacingMs);
  };
  next();
}

function complete(res: ServerResponse) {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-bench-title",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: "glm-4.5-air",
      choices: [{ index: 0, message: { role: "assistant", content: "Distance to the moon" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 60, completion_tokens: 5, total_tokens: 65 },
    }),
  );
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString();
}

const server = createServer(async (req, res) => {
  const body = await bodyOf(req);
  if (req.url === "/__bench/config" && req.method === "POST") {
    config = { ...config, ...(JSON.parse(body) as Partial<Config>) };
    frames = framesOf(config);
    res.end(JSON.stringify({ ...config, streamsStarted }));
    return;
  }
  if (req.url?.endsWith("/chat/completions") && req.method === "POST") {
    if (req.headers.authorization !== "Bearer sk-bench-load") {
      res.writeHead(401, { "content-type": "application/json" });
      res.end('{"error":{"message":"Incorrect API key provided.","type":"invalid_request_error"}}');
      return;
    }
    if ((JSON.parse(body) as { stream?: boolean }).stream) stream(res);
    else complete(res);
    return;
  }
  res.writeHead(404).end();
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => process.send?.("ready"));
