import "server-only";
import { type Connection, listConnections, modelsOf } from "../providers/connections";
import { MODEL_IDS, MODELS, type ModelId, modelIdSchema } from "../shared/catalog/models";
import { type ModelProfile, modelProfile } from "../shared/catalog/profile";
import { enabledServed } from "../shared/team-policy";
import { teamPolicy } from "../team/settings";
import { GatewayError } from "./errors";

// The models the team's API offers: the catalog models the team enabled, on the connections that
// serve them. A model is named by its catalog id ("glm-5.1"), which picks the connection a new
// chat would start with (the team's default connection when it serves the model, else the first
// that does); "glm-5.1@bigmodel" names the platform (its id: bigmodel, dashscope, dashscope-native,
// acedata, runware, openai-compatible), and "glm-5.1@<connection id>" one connection, for a team
// that has two of one platform. GET /v1/models lists the plain names, and the qualified ones of
// every model that more than one connection serves.

export interface ResolvedModel {
  /** The name as the API shows it back ("glm-5.1", "glm-5.1@bigmodel"). */
  name: string;
  connection: Connection;
  /** The models the connection serves that the team may use (catalog id → its id there). */
  served: Map<ModelId, string>;
  model: ModelId;
  upstreamModel: string;
  profile: ModelProfile;
}

interface Offer {
  connection: Connection;
  served: Map<ModelId, string>;
}

/** Every connection with the models it serves that the team enabled; the team's default first. */
async function offers(): Promise<Offer[]> {
  const [connections, policy] = await Promise.all([listConnections(), teamPolicy()]);
  const all = await Promise.all(
    connections.map(async (connection) => ({
      connection,
      served: enabledServed(await modelsOf(connection).catch(() => new Map<ModelId, string>()), policy),
    })),
  );
  const preferred = all.filter((o) => o.connection.id === policy.defaultConnectionId);
  return [...preferred, ...all.filter((o) => o.connection.id !== policy.defaultConnectionId)];
}

const notFound = (name: string) =>
  new GatewayError(
    "model_not_found",
    `The model "${name}" does not exist or this team does not offer it: GET /v1/models lists those it does.`,
    "model",
  );

export async function resolveModel(name: string): Promise<ResolvedModel> {
  const at = name.indexOf("@");
  const id = modelIdSchema.safeParse(at < 0 ? name : name.slice(0, at)).data;
  if (!id) throw notFound(name);
  const where = at < 0 ? undefined : name.slice(at + 1);
  const candidates = (await offers()).filter((o) => o.served.has(id));
  const offer =
    where === undefined
      ? candidates[0]
      : (candidates.find((o) => o.connection.id === where) ??
        candidates.find((o) => o.connection.platform.id === where));
  const profile = offer && modelProfile(offer.connection.platform, id);
  if (!offer || !profile) throw notFound(name);
  return {
    name,
    connection: offer.connection,
    served: offer.served,
    model: id,
    upstreamModel: offer.served.get(id) ?? id,
    profile,
  };
}

export interface ListedModel {
  id: string;
  model: ModelId;
  label: string;
  /** The connection's name (what the team calls it). */
  connection: string;
  platform: string;
}

/** The names the API answers to, in catalog order. */
export async function listModels(): Promise<ListedModel[]> {
  const all = await offers();
  const listed: ListedModel[] = [];
  for (const model of MODEL_IDS) {
    const serving = all.filter((o) => o.served.has(model) && modelProfile(o.connection.platform, model));
    if (serving.length === 0) continue;
    const entry = (id: string, o: Offer) => ({
      id,
      model,
      label: MODELS[model].label,
      connection: o.connection.label,
      platform: o.connection.platform.id,
    });
    listed.push(entry(model, serving[0]));
    if (serving.length < 2) continue;
    for (const o of serving) {
      const platformId = o.connection.platform.id;
      const unique = serving.filter((s) => s.connection.platform.id === platformId).length === 1;
      listed.push(entry(`${model}@${unique ? platformId : o.connection.id}`, o));
    }
  }
  return listed;
}
