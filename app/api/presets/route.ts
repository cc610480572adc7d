import { authedRoute, parseBody } from "@/lib/api/route";
import { listPresets } from "@/lib/chat/queries/presets";
import { savePreset } from "@/lib/chat/save-preset";
import { presetInputSchema } from "@/lib/shared/chat/presets";

export const GET = authedRoute(async ({ user }) => Response.json({ presets: await listPresets(user.id) }));

export const POST = authedRoute(async ({ user, request }) => {
  const input = await parseBody(request, presetInputSchema);
  return Response.json({ preset: await savePreset(user.id, input) }, { status: 201 });
});
