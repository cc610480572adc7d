import { describe, expect, it } from "vitest";
import { MAX_ERROR_BODY_BYTES, platformErrorHandler } from "./http";

describe("platformErrorHandler", () => {
  const handle = (response: Response) =>
    platformErrorHandler((json) => (json as { message?: string }).message)({
      response,
      url: "https://upstream.example/v1",
      requestBodyValues: {},
    });

  it("takes the platform's message from a JSON error body", async () => {
    const { value } = await handle(new Response(JSON.stringify({ message: "Bad key" }), { status: 401 }));
    expect(value).toMatchObject({ message: "Bad key", statusCode: 401, isRetryable: false });
  });

  it("reads no more than the start of an endless error body", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(120));
      },
    });
    const { value } = await handle(new Response(endless, { status: 502 }));
    expect(value.responseBody).toHaveLength(MAX_ERROR_BODY_BYTES);
    expect(value.isRetryable).toBe(true);
    expect(pulled).toBeLessThan(10);
  });
});
