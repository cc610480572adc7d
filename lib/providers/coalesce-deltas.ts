import type { LanguageModelV3Middleware, LanguageModelV3StreamPart } from "@ai-sdk/provider";

// Every part a model streams travels a dozen stream stages before it reaches a browser (the AI
// SDK's steps and tools, the UI stream, the live bus, SSE), each costing promises and, under
// Next.js's async context, hooks on every one of them: measured under load, about 0.3 ms of CPU
// per part. Pieces of one text, thought or tool input that arrive in the same turn of the event
// loop (several SSE events in one socket read: a fast platform, or a busy server) are joined into
// one part here, at the source, so that all later stages run once for them. A piece waits for
// the end of the loop's turn at most (setImmediate): an idle server adds nothing measurable, a
// busy one does less work per answer as it gets busier.

type Part = LanguageModelV3StreamPart;
type Delta = Extract<Part, { type: "text-delta" | "reasoning-delta" | "tool-input-delta" }>;

function isDelta(part: Part): part is Delta {
  return part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-delta";
}

/** Joins consecutive deltas of one block that arrive within a turn of the event loop. */
export function coalescingDeltas(): TransformStream<Part, Part> {
  let pending: Delta | null = null;
  let timer: ReturnType<typeof setImmediate> | null = null;
  let out: TransformStreamDefaultController<Part> | null = null;
  const flush = () => {
    if (timer) clearImmediate(timer);
    timer = null;
    const part = pending;
    pending = null;
    // The stream may have failed meanwhile (the call aborted): nothing is left to send it to.
    if (part && out) {
      try {
        out.enqueue(part);
      } catch {}
    }
  };
  return new TransformStream<Part, Part>({
    start(controller) {
      out = controller;
    },
    transform(part) {
      if (isDelta(part)) {
        if (pending && pending.type === part.type && pending.id === part.id && !part.providerMetadata) {
          pending = { ...pending, delta: pending.delta + part.delta };
          return;
        }
        flush();
        pending = part;
        timer = setImmediate(flush);
        return;
      }
      flush();
      out?.enqueue(part);
    },
    flush,
  });
}

/** The model's stream with its deltas coalesced (see above). */
export const coalesceDeltas: LanguageModelV3Middleware = {
  specificationVersion: "v3",
  wrapStream: async ({ doStream }) => {
    const { stream, ...rest } = await doStream();
    return { ...rest, stream: stream.pipeThrough(coalescingDeltas()) };
  },
};
