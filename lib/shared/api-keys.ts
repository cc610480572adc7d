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

/** POST /api/keys: a name, and how many days the key lasts (null or absent: until revoked). */
export const newKeySchema = z.object({
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
}
