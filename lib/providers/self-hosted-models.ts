import "server-only";
import { MODEL_IDS, type ModelId } from "../shared/catalog/models";

// A self-hosted vLLM / SGLang server serves whatever it was started with. Its OpenAI-compatible
// GET /models names them, as a Hugging Face repo id ("zai-org/GLM-4.5-Air") or a
// --served-model-name ("glm-4.6"); this maps them onto the catalog. Cached per server for a
// minute; a server that does not answer in time keeps the previous list (or the whole catalog,
// so that a slow server does not hide every model).

const TTL_MS = 60_000;
const TIMEOUT_MS = 2_000;

export interface ServedModel {
  /** The catalog model. */
  id: ModelId;
  /** The name the server knows it by. */
  upstreamId: string;
}

interface Entry {
  at: number;
  /** The last list known (null: the server could not be asked). */
  value: Promise<ServedModel[] | null>;
  refreshing?: boolean;
}
const store = globalThis as unknown as { glmSelfHostedModels?: Map<string, Entry> };
const cache = store.glmSelfHostedModels ?? new Map<string, Entry>();
store.glmSelfHostedModels = cache;

/** The catalog model an upstream name stands for, if any. */
export function catalogIdOf(upstreamId: string): ModelId | undefined {
  const name = upstreamId
    .split("/")
    .at(-1)
    ?.toLowerCase()
    .replace(/[-_](instruct|chat|fp8|awq|gptq|int4|int8)$/i, "");
  return MODEL_IDS.find((id) => id === name);
}

export async function fetchServedModels(
  baseURL: string,
  apiKey: string | undefined,
  fetchFn: typeof fetch = fetch,
): Promise<ServedModel[] | null> {
  try {
    const res = await fetchFn(`${baseURL.replace(/\/+$/, "")}/models`, {
      headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) return null;
    const body = (await res.json()) as { data?: { id?: unknown }[] };
    const served: ServedModel[] = [];
    for (const entry of body.data ?? []) {
      if (typeof entry.id !== "string") continue;
      const id = catalogIdOf(entry.id);
      if (id && !served.some((s) => s.id === id)) served.push({ id, upstreamId: entry.id });
    }
    return served;
  } catch {
    return null;
  }
}

/**
 * The server's models; null when it could not be asked. After the first answer, an expired
 * entry is returned as it is while a fresh list is fetched in the background, so that a chat
 * never waits for the server's model list.
 */
export function servedBySelfHosted(baseURL: string, apiKey: string | undefined): Promise<ServedModel[] | null> {
  const key = `${baseURL}|${apiKey ?? ""}`;
  const hit = cache.get(key);
  if (!hit) {
    const first: Entry = { at: Date.now(), value: fetchServedModels(baseURL, apiKey) };
    cache.set(key, first);
    return first.value;
  }
  if (Date.now() - hit.at >= TTL_MS && !hit.refreshing) {
    // Everyone keeps getting the known list until the fresh one has arrived.
    hit.refreshing = true;
    void fetchServedModels(baseURL, apiKey).then(async (list) => {
      const value = list ?? (await hit.value);
      cache.set(key, { at: Date.now(), value: Promise.resolve(value) });
    });
  }
  return hit.value;
}
