import { z } from "zod";

// Personal API keys for the team's GLM API (/v1): what a key may be named, how long it may last,
// how many a person may have, and the shape a list of them takes (lib/keys, GET /api/keys, the
// API keys page). Not server-only: the page's form reads the same rules.

/** How long a key can be made to last, in days (the form offers these, and "never"). */
export const KEY_EXPIRY_DAYS = [7, 30, 90, 365] as const;
export type KeyExpiryDays = (typeof KEY_EXPIRY_DAYS)[number];

/** Keys a person may have working at once (neither revoked nor expired). */
export const MAX_LIVE_KEYS = 20;

export const KEY_NAME_MAX = 60;

export const keyNameSchema = z
  .string()
  .trim()
  .min(1, "Give the key a name.")
  .max(KEY_NAME_MAX, `A key's name has at most ${KEY_NAME_MAX} characters.`);

/** The most a key's monthly caps can be set to (tokens; money in whole units of the team's currency). */
export const KEY_CAP_MAX = { tokens: 1e12, money: 1e9 } as const;

/**
 * A key's own monthly caps, on top of its owner's and the team's budgets: tokens, and money in
 * whole units of the team's currency ("12.5"); null or absent: no cap of its own.
 */
export const keyCapsSchema = z.object({
  monthlyTokens: z
    .int("A token cap is a whole number.")
    .min(1, "A token cap is at least 1 token.")
    .max(KEY_CAP_MAX.tokens, "That token cap is too large.")
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  monthlyMoney: z
    .number("A money cap is a number.")
    .min(0, "A money cap cannot be negative.")
    .max(KEY_CAP_MAX.money, "That money cap is too large.")
    .nullable()
    .optional()
    .transform((v) => v ?? null),
});
export type KeyCaps = z.input<typeof keyCapsSchema>;

/** POST /api/keys: a name, how many days the key lasts (null or absent: until revoked), its caps. */
export const newKeySchema = keyCapsSchema.extend({
  name: keyNameSchema,
  expiresInDays: z
    .literal(KEY_EXPIRY_DAYS, "Choose one of the offered lifetimes.")
    .nullable()
    .optional()
    .transform((d) => d ?? null),
});
export type NewKey = z.input<typeof newKeySchema>;

export type KeyStatus = "active" | "expired" | "revoked";

/** A key as its owner (or an admin) sees it: never the key, never its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  status: KeyStatus;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** This month's calls through the key (the team's month): tokens, and cost in millionths of the team's currency. */
  monthTokens: number;
  monthMicros: number;
  /** The key's own monthly caps (null: none): tokens, and millionths of the team's currency. */
  capTokens: number | null;
  capMicros: number | null;
}
