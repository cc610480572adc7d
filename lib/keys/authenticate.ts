import "server-only";
import { appError } from "../i18n/app-error";
import { keepAlive } from "../keep-alive";
import { parseRole } from "../shared/roles";
import type { Limits } from "../spend/config";
import { hashApiKey, isApiKeyShape } from "./key-format";
import { type KeyCallerRow, readKeyCaller, touchKeyRow } from "./queries";

// Who is calling the team's GLM API (/v1, lib/gateway): the personal key in the request, judged
// by one read (the key by its hash's unique index, its user and the team's switch: ./queries).
// A key is looked up by its SHA-256, never compared with a stored key. The key's last use is
// written at most once a minute and never waited for (a serverless host is kept alive for it).

export interface ApiCaller {
  userId: string;
  keyId: string;
  role: "admin" | "member";
  /** The key's own monthly cap (null fields: none). */
  keyCap: Limits;
}

export type KeyRefusal = {
  status: 401 | 403;
  code: "invalid_api_key" | "api_access_disabled" | "account_disabled";
  message: string;
};

/** How often a key's last use is written (at most). */
export const LAST_USED_EVERY_MS = 60_000;

/** The key a request carries: `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export function keyOf(request: Request): string | null {
  const authorization = request.headers.get("authorization")?.trim();
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (match) return match[1];
  }
  return request.headers.get("x-api-key")?.trim() || null;
}

/** Each refusal's words (messages/en/errors.json: API clients read English), made once. */
const MESSAGE_KEYS = {
  invalid_api_key: "apiKeyInvalid",
  api_access_disabled: "apiAccessOff",
  account_disabled: "accountDisabled",
} as const;
const messages = new Map<KeyRefusal["code"], string>();

function refuse(status: 401 | 403, code: KeyRefusal["code"]): KeyRefusal {
  let message = messages.get(code);
  if (message === undefined) {
    message = appError(status === 401 ? "unauthorized" : "forbidden", MESSAGE_KEYS[code]).message;
    messages.set(code, message);
  }
  return { status, code, message };
}

/** When this process last asked to write each key's last use (so that a burst of calls asks once). */
const touched = new Map<string, number>();
const MOST_TOUCHED = 10_000;

const time = (value: unknown): number | null => (value == null ? null : Date.parse(String(value)));
const count = (value: unknown): number | null => (value == null ? null : Number(value));
const isTrue = (value: unknown): boolean => value === true || Number(value) === 1;

/** How the row judges a call at `now` (pure: ./authenticate.test.ts). */
export function judgeKey(row: KeyCallerRow | undefined, now: number): ApiCaller | KeyRefusal {
  if (!row || row.revokedAt != null) return refuse(401, "invalid_api_key");
  const expiresAt = time(row.expiresAt);
  if (expiresAt !== null && !(expiresAt > now)) return refuse(401, "invalid_api_key");
  if (row.disabledAt != null) return refuse(403, "account_disabled");
  // No settings row yet: on, as a new team's.
  if (row.teamApiAccess != null && !isTrue(row.teamApiAccess)) return refuse(403, "api_access_disabled");
  if (isTrue(row.apiAccessOff)) return refuse(403, "api_access_disabled");
  return {
    userId: String(row.userId),
    keyId: String(row.id),
    role: parseRole(row.role),
    keyCap: { tokens: count(row.monthlyTokens), micros: count(row.monthlyMicros) },
  };
}

/** Reads `Authorization: Bearer <key>` or `x-api-key: <key>`. */
export async function authenticateApiKey(request: Request): Promise<ApiCaller | KeyRefusal> {
  const key = keyOf(request);
  // Not a key's shape: refused without a query.
  if (!key || !isApiKeyShape(key)) return refuse(401, "invalid_api_key");
  const row = await readKeyCaller(hashApiKey(key));
  const now = Date.now();
  const judged = judgeKey(row, now);
  if (row && "keyId" in judged) {
    const last = Math.max(time(row.lastUsedAt) ?? 0, touched.get(judged.keyId) ?? 0);
    if (now - last >= LAST_USED_EVERY_MS) {
      if (touched.size >= MOST_TOUCHED) touched.clear();
      touched.set(judged.keyId, now);
      // Not awaited: the call goes on; the update itself skips a key another call touched meanwhile.
      keepAlive(
        touchKeyRow(judged.keyId, new Date(now), new Date(now - LAST_USED_EVERY_MS)).catch((error) =>
          console.error("keys: could not record a key's last use", error),
        ),
      );
    }
  }
  return judged;
}

/** Whether authentication refused the call. */
export function isKeyRefusal(result: ApiCaller | KeyRefusal): result is KeyRefusal {
  return "status" in result;
}
