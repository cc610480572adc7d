import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { handleNativeGeneration, type NativeBody, sendNativeError } from "./dashscope-native";
import { DIALECTS } from "./dialects";
import { handleCompatibleChat, sendCompatibleError } from "./openai-compatible";
import type { Plan } from "./scenario";

type SimUsage = Plan["usage"];

import { handleRunware, sendRunwareError } from "./runware";

// One HTTP server that answers like the GLM platforms. It records the requests it receives so that
// tests can assert what the app sent upstream; the app itself only ever sees a base URL.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
  /** The usage of the answer (OpenAI-compatible dialects), once finished: what the platform bills. */
  usage?: SimUsage;
  /** Whether the client was still connected when that answer was sent (false: it had given up). */
  delivered?: boolean;
}

export interface SimulatorOptions {
  /** The API key the simulated platform accepts (`Authorization: Bearer …`). */
  apiKey: string;
  /** What the simulated vLLM server says it serves at GET /v1/models. */
  selfHostedModels?: string[];
}

export function createSimulator({ apiKey, selfHostedModels = ["zai-org/GLM-4.5-Air", "glm-4.6"] }: SimulatorOptions): {
  server: Server;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];

  const server = createServer(async (req, res) => {
    try {
      await route(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    }
  });

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    // Control endpoints for tests, outside any platform's path space.
    if (url.pathname === "/__sim/requests") {
      if (req.method === "DELETE") requests.length = 0;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(requests));
      return;
    }
    if (url.pathname === "/__sim/health") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }

    if (req.method === "GET" && url.pathname === "/v1/models") {
      // vLLM's model list: the served names (a Hugging Face repo id unless --served-model-name).
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          data: selfHostedModels.map((id) => ({
            id,
            object: "model",
            created: 1777000000,
            owned_by: "vllm",
            root: id,
            parent: null,
            max_model_len: 131072,
          })),
        }),
      );
      return;
    }

    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      headers: req.headers,
      body,
      at: Date.now(),
    };
    requests.push(record);
    if (requests.length > 500) requests.splice(0, requests.length - 500);

    const dialect = Object.values(DIALECTS).find((d) => d.path === url.pathname);
    if (req.method === "POST" && dialect) {
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        sendCompatibleError(res, dialect, { status: 401 });
        return;
      }
      if (typeof body !== "object" || body === null) {
        sendCompatibleError(res, dialect, { status: 400 });
        return;
      }
      await handleCompatibleChat(req, res, dialect, body as Record<string, unknown>, (usage, delivered) => {
        record.usage = usage;
        record.delivered = delivered;
      });
      return;
    }
    if (req.method === "POST" && url.pathname === "/api/v1/services/aigc/text-generation/generation") {
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        sendNativeError(res, { status: 401 });
        return;
      }
      if (typeof body !== "object" || body === null) {
        sendNativeError(res, { status: 400 });
        return;
      }
      await handleNativeGeneration(req, res, body as NativeBody);
      return;
    }
    if (req.method === "POST" && url.pathname === "/v1") {
      if (req.headers.authorization !== `Bearer ${apiKey}`) {
        sendRunwareError(res, { status: 401 });
        return;
      }
      await handleRunware(req, res, body);
      return;
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "not_found", message: `No route for ${req.method} ${url.pathname}` } }));
  }

  return { server, requests };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
