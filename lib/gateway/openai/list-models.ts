import "server-only";
import { listModels } from "../models";

// GET /v1/models in OpenAI's shape: the names the team's API answers to (lib/gateway/models.ts:
// "glm-5.1", and "glm-5.1@bigmodel" where more than one connection serves a model).

export async function modelList(): Promise<Response> {
  const models = await listModels();
  return Response.json({
    object: "list",
    data: models.map((m) => ({ id: m.id, object: "model", created: 0, owned_by: m.connection })),
  });
}
