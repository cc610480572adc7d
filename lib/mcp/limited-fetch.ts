import "server-only";

// What an MCP server sends is read up to a limit: a result is cut far below it anyway
// (lib/tools/guarded), so a larger answer would only fill the server's memory. Refused from
// Content-Length before reading when the server declares it, else while reading.

export class McpResponseTooLarge extends Error {
  override name = "McpResponseTooLarge";
  constructor(readonly limit: number) {
    super(`The MCP server's answer is larger than ${limit} bytes.`);
  }
}

/** `fetch`, but a response body over `limit` bytes fails with McpResponseTooLarge (and `onTooLarge` is told). */
export function limitedFetch(limit: number, onTooLarge?: (error: McpResponseTooLarge) => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const refuse = () => {
      const error = new McpResponseTooLarge(limit);
      onTooLarge?.(error);
      return error;
    };
    if (Number(response.headers.get("content-length")) > limit) {
      await response.body?.cancel().catch(() => {});
      throw refuse();
    }
    if (!response.body) return response;
    let read = 0;
    const body = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          read += chunk.byteLength;
          if (read > limit) controller.error(refuse());
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
