import "server-only";
import { resealLegacySecretsOnce } from "../crypto/reseal";
import { boundTo, open } from "../crypto/secret-box";
import { MODEL_IDS, type ModelId } from "../shared/catalog/models";
import { PLATFORMS, type PlatformId, platformIdSchema, servedModels } from "../shared/platforms";
import { type ConfiguredPlatform, readPlatformConfig } from "./configured";
import { findEnabledConnections } from "./queries";
import { servedBySelfHosted } from "./self-hosted-models";

// The platform connections a team can chat through: the ones configured by environment
// variables (for Vercel and Docker) and the ones admins add in the app (keys sealed in the
// database). The chat route looks a connection up here for every turn, so the list is cached;
// admin edits clear the cache, and other instances pick them up within CACHE_MS.

export interface Connection extends ConfiguredPlatform {
  /** "env:…" for environment connections, the row id for admin-managed ones. */
  id: string;
  label: string;
  source: "env" | "admin";
}

/** Per-platform environment variables, for teams that configure several platforms at once. */
export const ENV_PLATFORMS: { platform: PlatformId; key: string; url: string; defaultUrl: string }[] = [
  {
    platform: "dashscope",
    key: "DASHSCOPE_API_KEY",
    url: "DASHSCOPE_BASE_URL",
    defaultUrl: "https://dashscope-intl.aliyuncs.com/compatible-mode/v1",
  },
  {
    platform: "bigmodel",
    key: "BIGMODEL_API_KEY",
    url: "BIGMODEL_BASE_URL",
    defaultUrl: "https://open.bigmodel.cn/api/paas/v4",
  },
  { platform: "acedata", key: "ACEDATA_API_KEY", url: "ACEDATA_BASE_URL", defaultUrl: "https://api.acedata.cloud/glm" },
  { platform: "runware", key: "RUNWARE_API_KEY", url: "RUNWARE_BASE_URL", defaultUrl: "https://api.runware.ai" },
];

export function envConnections(env: Record<string, string | undefined> = process.env): {
  connections: Connection[];
  problems: string[];
} {
  const connections: Connection[] = [];
  const problems: string[] = [];
  const generic = readPlatformConfig(env);
  if (generic.ok) {
    connections.push({ id: "env:default", label: generic.config.platform.label, source: "env", ...generic.config });
  } else if (env.GLM_BASE_URL?.trim()) {
    problems.push(generic.problem);
  }
  for (const spec of ENV_PLATFORMS) {
    const apiKey = env[spec.key]?.trim();
    if (!apiKey) continue;
    const platform = PLATFORMS[spec.platform];
    const baseURL = (env[spec.url]?.trim() || platform.defaultBaseUrl).replace(/\/+$/, "");
    connections.push({ id: `env:${spec.platform}`, label: platform.label, source: "env", platform, baseURL, apiKey });
  }
  return { connections, problems };
}

const CACHE_MS = 10_000;
// On globalThis: Next.js may bundle this module into several server chunks (route handlers,
// server actions), and an admin's change must reach them all.
const store = globalThis as unknown as { glmConnectionCache?: { at: number; value: Promise<Connection[]> } };

type ConnectionRecord = { id: string; label: string; platform: string; baseUrl: string; apiKeySealed: string | null };

/** A stored connection ready to use, or why it cannot be used (shown to admins). */
export function connectionFromRow(row: ConnectionRecord): { connection: Connection } | { problem: string } {
  const platform = platformIdSchema.safeParse(row.platform);
  if (!platform.success) {
    return { problem: `Its platform "${row.platform}" is not known to this version of the app: edit it to pick one.` };
  }
  try {
    const apiKey = row.apiKeySealed ? open(row.apiKeySealed, boundTo("platformKey", row.id)) : undefined;
    return {
      connection: {
        id: row.id,
        label: row.label,
        source: "admin",
        platform: PLATFORMS[platform.data],
        baseURL: row.baseUrl,
        apiKey,
      },
    };
  } catch {
    return {
      problem:
        "Its API key cannot be decrypted: it was stored under another ENCRYPTION_KEY (or for another connection). Enter the key again, or restore the old ENCRYPTION_KEY.",
    };
  }
}

async function adminConnections(): Promise<Connection[]> {
  // Keys sealed by an earlier version are sealed again first (once per process; lib/crypto/reseal).
  await resealLegacySecretsOnce();
  const rows = await findEnabledConnections();
  const connections: Connection[] = [];
  for (const row of rows) {
    const result = connectionFromRow(row);
    // An unusable connection is left out rather than fail every chat; the admin page says why.
    if ("connection" in result) connections.push(result.connection);
    else console.error(`connections: "${row.label}" is not usable: ${result.problem}`);
  }
  return connections;
}

/** Every usable connection: environment first, then admin-managed, in creation order. */
export async function listConnections(): Promise<Connection[]> {
  const now = Date.now();
  let cache = store.glmConnectionCache;
  if (!cache || now - cache.at > CACHE_MS) {
    const value = adminConnections().catch((error) => {
      store.glmConnectionCache = undefined;
      throw error;
    });
    cache = { at: now, value };
    store.glmConnectionCache = cache;
  }
  // The environment is read each time (it is cheap); only the database rows are cached.
  return [...envConnections().connections, ...(await cache.value)];
}

export async function getConnection(id: string): Promise<Connection | undefined> {
  const found = (await listConnections()).find((c) => c.id === id);
  const age = Date.now() - (store.glmConnectionCache?.at ?? 0);
  if (found || id.startsWith("env:") || age < 1000) return found;
  // Not in the cache: perhaps just added (here or on another instance). Look once more; at most
  // once a second, so that requests naming unknown ids cannot defeat the cache.
  forgetConnections();
  return (await listConnections()).find((c) => c.id === id);
}

/** After an admin changes a connection. */
export function forgetConnections(): void {
  store.glmConnectionCache = undefined;
}

/**
 * The catalog models a connection serves, each with the id it has there: fixed per cloud
 * platform, asked of a self-hosted server (the whole catalog if it cannot be asked).
 */
export async function modelsOf(connection: Connection): Promise<Map<ModelId, string>> {
  const { platform } = connection;
  if (platform.id === "openai-compatible") {
    const served = await servedBySelfHosted(connection.baseURL, connection.apiKey);
    // A server that names none of our models keeps the whole catalog rather than offer nothing.
    if (served && served.length > 0) {
      const inCatalogOrder = [...served].sort((a, b) => MODEL_IDS.indexOf(a.id) - MODEL_IDS.indexOf(b.id));
      return new Map(inCatalogOrder.map((m) => [m.id, m.upstreamId]));
    }
  }
  return new Map(servedModels(platform).map((id) => [id, platform.models[id]?.upstreamId ?? id]));
}

/** The catalog id a platform's answering model stands for (dated versions included). */
export function catalogIdOfAnswer(served: ReadonlyMap<ModelId, string>, answered: string): ModelId | undefined {
  for (const [id, upstream] of served) {
    if (answered === upstream || answered.startsWith(`${upstream}-`)) return id;
  }
  return undefined;
}
