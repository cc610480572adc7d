import "server-only";
import { createResumableStreamContext, type ResumableStreamContext } from "resumable-stream/generic";
import { keepAlive } from "../keep-alive";
import { liveBus } from "./bus";

// The live tail of every generation, through Vercel's resumable-stream on the live bus: the
// instance that runs a generation keeps its stream in memory and sends it, from the start, to
// whoever asks (any instance) while it runs. Nothing is written per chunk unless somebody on
// another instance follows the stream.

const globalForStreams = globalThis as unknown as { glmStreams?: ResumableStreamContext };

export function liveStreams(): ResumableStreamContext {
  const bus = liveBus();
  globalForStreams.glmStreams ??= createResumableStreamContext({
    keyPrefix: "glm:stream",
    // Serverless hosts keep the function alive until the generation ends (within maxDuration).
    waitUntil: keepAlive,
    publisher: bus.publisher,
    subscriber: bus.subscriber,
  });
  return globalForStreams.glmStreams;
}
