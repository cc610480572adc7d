import { authedRoute } from "@/lib/api/route";
import { followAnswer, stopAnswer } from "@/lib/chat/live-answer";
import { LIVE_STREAM_HEADERS } from "@/lib/generation/generation";

// The answer being written in a conversation (lib/generation): GET follows it from its start
// (the AI SDK's resumeStream; 204 when nothing is being written), DELETE stops it (the Stop
// button, from any tab or instance).

type Context = { params: Promise<{ id: string }> };

// A viewer may follow a long answer to its end.
export const maxDuration = 300;

export const GET = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  const stream = await followAnswer(user.id, id);
  if (!stream) return new Response(null, { status: 204 });
  return new Response(stream, { headers: LIVE_STREAM_HEADERS });
});

export const DELETE = authedRoute<Context>(async ({ user, context }) => {
  const { id } = await context.params;
  const stopped = await stopAnswer(user.id, id);
  return Response.json({ stopped });
});
