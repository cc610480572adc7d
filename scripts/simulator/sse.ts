import type { IncomingMessage, ServerResponse } from "node:http";

/** Whether the client has hung up: streams stop writing once it has. */
export function watchClose(req: IncomingMessage, res: ServerResponse): () => boolean {
  let closed = false;
  req.on("close", () => {
    closed = true;
  });
  res.on("close", () => {
    closed = true;
  });
  return () => closed;
}

/** Waits; no time at all yields to other work only (a stream without pauses). */
export const sleep = (ms: number) =>
  new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
