// Server-sent events may end lines with CRLF, LF or a lone CR. eventsource-parser (ours and the
// AI SDK's) handles a chunk that has any CR by searching for the next CR again from every line:
// a body of many LF lines and one CR took seconds (quadratic). Line ends are made LF here, on the
// bytes (CR and LF are never part of a multi-byte UTF-8 character), so that the parser takes its
// LF-only path, which is linear. A chunk without CR passes untouched.

const CR = 13;
const LF = 10;

export function lfLineEnds(): TransformStream<Uint8Array, Uint8Array> {
  // A chunk that ended with CR: an LF at the start of the next one belongs to that line end.
  let afterCr = false;
  return new TransformStream({
    transform(chunk, controller) {
      const skipLf = afterCr && chunk[0] === LF;
      afterCr = chunk.length > 0 ? chunk[chunk.length - 1] === CR : afterCr;
      if (!skipLf && chunk.indexOf(CR) === -1) {
        controller.enqueue(chunk);
        return;
      }
      const out = new Uint8Array(chunk.length);
      let length = 0;
      for (let i = skipLf ? 1 : 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte !== CR) {
          out[length++] = byte;
          continue;
        }
        out[length++] = LF;
        if (chunk[i + 1] === LF) i++;
      }
      controller.enqueue(out.subarray(0, length));
    },
  });
}

/**
 * A fetch whose event-stream responses have LF line ends, for providers whose parser we do not
 * run ourselves (the AI SDK's OpenAI-compatible one).
 */
export function withLfLineEnds(fetch?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await (fetch ?? globalThis.fetch)(input, init);
    if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream")) return response;
    return new Response(response.body.pipeThrough(lfLineEnds()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
