import "server-only";
import { randomUUID } from "node:crypto";
import { generateText } from "ai";
import { z } from "zod";
import { sameOrigin } from "../crypto/same-origin";
import { boundTo, maskSecret, seal } from "../crypto/secret-box";
import { PLATFORMS, platformIdSchema } from "../shared/platforms";
import { languageModel } from "./configured";
import { type Connection, connectionFromRow, envConnections, forgetConnections, modelsOf } from "./connections";
import {
  type ConnectionFields,
  deleteConnectionRow,
  findConnection,
  findConnectionOrigin,
  findConnections,
  insertConnection,
  updateConnectionRow,
} from "./queries";
import { upstreamError } from "./upstream-errors";

// Admin operations on platform connections. Callers (server actions) check the admin first.

export const connectionInputSchema = z.object({
  platform: platformIdSchema,
  label: z.string().trim().min(1, "Give the connection a name.").max(60),
  baseUrl: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: "Enter the platform's base URL, starting with https://." })),
  /** Empty when editing means "keep the stored key". */
  apiKey: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((v) => v || undefined),
  enabled: z.boolean().default(true),
});
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

export interface ConnectionRow {
  id: string;
  source: "env" | "admin";
  platform: string;
  platformLabel: string;
  label: string;
  baseUrl: string;
  keyHint: string | null;
  enabled: boolean;
  /** Why the connection cannot be used (unknown platform, undecryptable key). */
  problem?: string;
}

/** For the admin page: every connection, keys masked. Base URLs are shown to admins only. */
export async function connectionRows(): Promise<ConnectionRow[]> {
  const env = envConnections().connections.map((c) => ({
    id: c.id,
    source: "env" as const,
    platform: c.platform.id,
    platformLabel: c.platform.label,
    label: c.label,
    baseUrl: c.baseURL,
    keyHint: c.apiKey ? maskSecret(c.apiKey) : null,
    enabled: true,
  }));
  const rows = await findConnections();
  return [
    ...env,
    ...rows.map((r) => {
      const known = platformIdSchema.safeParse(r.platform);
      const usable = connectionFromRow(r);
      return {
        id: r.id,
        source: "admin" as const,
        // An unknown platform (from a newer or older version) is edited as a self-hosted one.
        platform: known.success ? known.data : "openai-compatible",
        platformLabel: known.success ? PLATFORMS[known.data].label : `Unknown platform "${r.platform}"`,
        label: r.label,
        baseUrl: r.baseUrl,
        keyHint: r.apiKeyHint,
        enabled: r.enabled,
        ...("problem" in usable ? { problem: usable.problem } : {}),
      };
    }),
  ];
}

/** The stored columns for connection `id`; the key (sealed for this row) only when a new one was typed. */
function storedFields(id: string, input: ConnectionInput): ConnectionFields {
  return {
    platform: input.platform,
    label: input.label,
    baseUrl: input.baseUrl.replace(/\/+$/, ""),
    enabled: input.enabled,
    ...(input.apiKey
      ? { apiKeySealed: seal(input.apiKey, boundTo("platformKey", id)), apiKeyHint: maskSecret(input.apiKey) }
      : {}),
  };
}

export async function createConnection(input: ConnectionInput): Promise<string> {
  // The id is made here: the key is sealed for its row.
  const id = randomUUID();
  await insertConnection(id, storedFields(id, input));
  forgetConnections();
  return id;
}

export type UpdateResult = "saved" | "missing" | "key-required";

export async function updateConnection(id: string, input: ConnectionInput): Promise<UpdateResult> {
  const current = await findConnectionOrigin(id);
  if (!current) return "missing";
  // The stored key goes only where it was given for: another scheme, host or port needs it again.
  if (current.apiKeySealed && !input.apiKey && !sameOrigin(current.baseUrl, input.baseUrl)) return "key-required";
  await updateConnectionRow(id, storedFields(id, input));
  forgetConnections();
  return "saved";
}

export async function deleteConnection(id: string): Promise<boolean> {
  const deleted = await deleteConnectionRow(id);
  forgetConnections();
  return deleted;
}

/** A one-line call to the platform: does the key work, and how long does an answer take. */
export async function testConnection(id: string): Promise<{ ok: boolean; message: string }> {
  // Any connection can be tested, a disabled one too (before it is switched on).
  let connection: Connection | undefined = envConnections().connections.find((c) => c.id === id);
  if (!connection) {
    const row = await findConnection(id);
    if (!row) return { ok: false, message: "This connection no longer exists." };
    const usable = connectionFromRow(row);
    if ("problem" in usable) return { ok: false, message: usable.problem };
    connection = usable.connection;
  }
  const model = [...(await modelsOf(connection)).values()][0];
  if (!model) return { ok: false, message: `${connection.label} serves none of the GLM models we know.` };
  const started = performance.now();
  try {
    const result = await generateText({
      model: languageModel(connection, model),
      prompt: "Reply with the single word: pong",
      maxOutputTokens: 64,
      maxRetries: 0,
      providerOptions: connection.platform.providerOptions({
        thinking: connection.platform.thinkingSwitch ? false : undefined,
        webSearch: false,
        tools: false,
      }),
      abortSignal: AbortSignal.timeout(20_000),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    return { ok: true, message: `Connected: ${result.response.modelId || model} answered in ${seconds} s.` };
  } catch (error) {
    return { ok: false, message: upstreamError(error, connection.platform, connection.label).message };
  }
}
