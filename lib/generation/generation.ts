import "server-only";
import { type InferUIMessageChunk, UI_MESSAGE_STREAM_HEADERS } from "ai";
import { keepAlive } from "../keep-alive";
import type { ChatMessage, ChatPart } from "../shared/chat/message";
import { liveBus } from "./bus";
import { ChunkLog } from "./chunk-log";
import { liveStreams } from "./streams";

type Chunk = InferUIMessageChunk<ChatMessage>;

// A generation: one answer being written, owned by the server from admission to settlement.
// Its chunks are read here to the end whoever watches (the browser that asked is one viewer
// among others, and may leave); its stream is kept for viewers on any instance (streams.ts);
// what it wrote so far is saved every few seconds (never per chunk), with a heartbeat that tells
// every instance it is alive; a stop signal from any instance ends it.

/** How often the answer so far is saved: what a crash can lose. */
export const CHECKPOINT_MS = 4_000;
/** A generation whose heartbeat is older than this is dead (its server stopped). */
export const LEASE_MS = 15_000;

export const keys = {
  stop: (streamId: string) => `glm:stop:${streamId}`,
  viewers: (streamId: string) => `glm:viewers:${streamId}`,
  running: (userId: string) => `glm:running:${userId}`,
};

export interface GenerationPlan {
  /** Unique per generation (an answer continued after tool decisions gets a new one). */
  streamId: string;
  userId: string;
  /** The answer's chunks; the turn settles the answer as they end. */
  chunks: ReadableStream<Chunk>;
  /** A continued answer as it was (replayed first to viewers that resume: replay-prefix.ts). */
  prefix: Chunk[];
  /** Ends the generation: the upstream call is aborted and the answer settles as stopped. */
  stop: (reason: "asked" | "time-limit") => void;
  /** The longest a generation may run on this host. */
  timeLimitMs: number;
  /** Saves the answer so far (null: unchanged since the last time) with a heartbeat, while it is being written. */
  checkpoint: (parts: ChatPart[] | null) => Promise<void>;
}

/**
 * Starts reading the generation's chunks and returns the stream of the viewer that asked for
 * it (server-sent events, encoded; the continued answer's prefix left out, it has it already).
 */
export async function startGeneration(plan: GenerationPlan): Promise<ReadableStream<Uint8Array>> {
  const bus = liveBus();
  const { streamId } = plan;
  // The running-answers claim (lib/chat/turn-prepare) lives as long as the generation renews it.
  const renew = () =>
    bus
      .claim(keys.running(plan.userId), streamId, Number.MAX_SAFE_INTEGER, LEASE_MS)
      .catch((error) => console.error("generation: could not renew its claim", { streamId, error }));
  const stopSubscription = bus
    .subscribe(keys.stop(streamId), () => plan.stop("asked"))
    .catch((error) => {
      console.error("generation: could not listen for stops", { streamId, error });
      return async () => {};
    });
  const timeLimit = setTimeout(() => plan.stop("time-limit"), plan.timeLimitMs);

  const log = new ChunkLog();
  let saving = Promise.resolve();
  const checkpoint = () => {
    void renew();
    const changed = log.changed;
    saving = saving
      .then(() => (changed ? log.parts() : null))
      .then(plan.checkpoint)
      .catch((error) => console.error("generation: checkpoint failed", { streamId, error }));
  };
  const ticker = setInterval(checkpoint, CHECKPOINT_MS);

  let ended = false;
  let finished: () => void = () => {};
  keepAlive(new Promise<void>((resolve) => (finished = resolve)));
  const end = async () => {
    if (ended) return;
    ended = true;
    clearInterval(ticker);
    clearTimeout(timeLimit);
    await saving;
    await Promise.allSettled([
      stopSubscription.then((unsubscribe) => unsubscribe()),
      bus.unclaim(keys.running(plan.userId), streamId),
    ]);
    finished();
  };

  // Read to the end, whoever watches; the generation ends when its chunks do, or fail. Each
  // chunk is logged and written as its server-sent event in this one stage.
  const reader = plan.chunks.getReader();
  const prefix = plan.prefix.map(event);
  const sse = new ReadableStream<string>({
    start(controller) {
      for (const [i, chunk] of plan.prefix.entries()) {
        log.add(chunk);
        controller.enqueue(prefix[i]);
      }
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          await end();
          controller.close();
          return;
        }
        log.add(value);
        controller.enqueue(event(value));
      } catch (error) {
        await end();
        controller.error(error);
      }
    },
    async cancel(reason) {
      await end();
      await reader.cancel(reason);
    },
  });
  const stream = await liveStreams().createNewResumableStream(streamId, () => sse);
  if (!stream) throw new Error(`generation ${streamId} exists already`);
  const skip = prefix.reduce((n, text) => n + text.length, 0);
  return watched(skip > 0 ? stream.pipeThrough(skipCharacters(skip)) : stream, streamId);
}

/** A chunk as a server-sent event, as the AI SDK's JsonToSseTransformStream writes it. */
function event(chunk: Chunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/**
 * The headers of a viewer's stream: the AI SDK's, and not compressed by the server (Next.js's
 * server gzips event streams and flushes the compressor after every write: CPU per chunk, for a
 * few bytes each time). A proxy in front may compress it; `no-transform` asks it not to either.
 */
export const LIVE_STREAM_HEADERS = { ...UI_MESSAGE_STREAM_HEADERS, "cache-control": "no-cache, no-transform" };

/** Asks the instance that runs the generation to stop it. */
export async function requestStop(streamId: string): Promise<void> {
  await liveBus().publish(keys.stop(streamId), "stop");
}

/**
 * Whether the live bus knows the generation's stream (running, or ended lately). A process that
 * died took its memory bus with it; Redis keeps a dead one's record, and only the heartbeat tells.
 * An unreachable bus counts as knowing it: a generation is never declared dead on a guess.
 */
export async function isKnown(streamId: string): Promise<boolean> {
  return (
    (await liveStreams()
      .hasExistingStream(streamId)
      .catch(() => true)) !== null
  );
}

/**
 * Viewers one answer may have at once: a person's tabs and devices. Each is sent the whole answer
 * so far, so that a script opening thousands cannot multiply its memory and traffic.
 */
export const MOST_VIEWERS = 8;

/**
 * A viewer follows the generation from its start (any instance); null if it is no longer live,
 * "crowded" when it has as many viewers as it may.
 */
export async function followGeneration(streamId: string): Promise<ReadableStream<Uint8Array> | null | "crowded"> {
  if (Number((await liveBus().get(keys.viewers(streamId))) ?? 0) >= MOST_VIEWERS) return "crowded";
  const stream = await liveStreams().resumeExistingStream(streamId);
  return stream ? watched(stream, streamId) : null;
}

/** True if somebody watches the generation now (an answer settled unwatched is marked unseen). */
export async function isWatched(streamId: string): Promise<boolean> {
  return Number((await liveBus().get(keys.viewers(streamId))) ?? 0) > 0;
}

/** The viewer's stream, as bytes, counted as a viewer while it is open. */
function watched(stream: ReadableStream<string>, streamId: string): ReadableStream<Uint8Array> {
  const bus = liveBus();
  const key = keys.viewers(streamId);
  void bus.incr(key).catch(() => {});
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    void bus.decr(key).catch(() => {});
  };
  const reader = stream.getReader();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          leave();
          controller.close();
        } else controller.enqueue(encoder.encode(value));
      } catch (error) {
        leave();
        controller.error(error);
      }
    },
    async cancel(reason) {
      leave();
      await reader.cancel(reason);
    },
  });
}

function skipCharacters(count: number): TransformStream<string, string> {
  let left = count;
  return new TransformStream({
    transform(text, controller) {
      if (left <= 0) {
        controller.enqueue(text);
        return;
      }
      if (text.length <= left) {
        left -= text.length;
        return;
      }
      controller.enqueue(text.slice(left));
      left = 0;
    },
  });
}
