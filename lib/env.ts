import { providerOptions, providerProblems } from "./auth/provider-config";

// What the server needs from its environment, checked once at start (instrumentation.ts): what
// is missing or wrong is printed, in words an operator can act on. Pure, so each rule is tested.

export interface EnvironmentReport {
  /** The app cannot work without these: it stops (or, on Vercel, says so in the logs). */
  errors: string[];
  /** It works, but something an operator likely wants is off. */
  warnings: string[];
}

export function checkEnvironment(env: Record<string, string | undefined>): EnvironmentReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;

  const authSecret = value("AUTH_SECRET") ?? value("NEXTAUTH_SECRET");
  if (!authSecret) {
    errors.push(
      "AUTH_SECRET is not set: nobody can sign in. Set it to a random string of 32+ characters (openssl rand -base64 32).",
    );
  } else if (authSecret.length < 32) {
    warnings.push("AUTH_SECRET is shorter than 32 characters: use a longer random string.");
  }

  const encryptionKey = value("ENCRYPTION_KEY");
  if (!encryptionKey) {
    warnings.push(
      "ENCRYPTION_KEY is not set: admins cannot store platform keys or MCP tokens in the app. Set it to a random string of 32+ characters and keep it (stored keys cannot be opened without it).",
    );
  } else if (encryptionKey.length < 16) {
    errors.push("ENCRYPTION_KEY is shorter than 16 characters: stored keys cannot be sealed with it.");
  }

  const database = value("DATABASE_URL") ?? "file:./data/glm-chat.db";
  if (!/^(file:|libsql:|https?:|wss?:)/.test(database)) {
    errors.push(
      `DATABASE_URL must be a file: path or a libsql:// (or https://) URL; it starts with "${database.split(":")[0]}:".`,
    );
  } else if (
    database.startsWith("libsql:") &&
    !value("DATABASE_AUTH_TOKEN") &&
    !/\/\/(localhost|127\.|\[::1\])/.test(database)
  ) {
    warnings.push("DATABASE_URL is a remote libSQL server but DATABASE_AUTH_TOKEN is not set: Turso needs one.");
  }
  if (value("VERCEL") && database.startsWith("file:")) {
    errors.push(
      "On Vercel the file system does not last: set DATABASE_URL to a libSQL / Turso database (libsql://…) and DATABASE_AUTH_TOKEN.",
    );
  }
  // Answers being written meet on the live bus (lib/generation): in one process's memory
  // unless REDIS_URL names a Redis all instances share.
  if (value("VERCEL") && !value("REDIS_URL")) {
    warnings.push(
      "REDIS_URL is not set: on Vercel each request may run on another instance, so an answer being written can only be followed and stopped from the instance writing it. Set REDIS_URL to a Redis all instances share.",
    );
  }
  // A database on a server is what several instances share: they must share Redis too, or each
  // takes the others' answers being written for dead ones.
  if (
    !value("VERCEL") &&
    !value("REDIS_URL") &&
    /^(libsql|https?):\/\//.test(database) &&
    !/\/\/(localhost|127\.|\[::1\])/.test(database)
  ) {
    warnings.push(
      "DATABASE_URL is a shared database server but REDIS_URL is not set: if more than one instance serves the site, set REDIS_URL to a Redis they all share, or they will take each other's answers being written for interrupted ones.",
    );
  }
  const redis = value("REDIS_URL");
  if (redis && !/^rediss?:\/\//.test(redis)) errors.push("REDIS_URL must start with redis:// or rediss://.");

  // Sign-in providers: half a configuration would show a button that cannot work.
  errors.push(...providerProblems(env));
  if (providerOptions(env).length > 0 && !value("AUTH_URL") && !value("VERCEL")) {
    warnings.push(
      "A sign-in provider is configured but AUTH_URL is not: set it to the site's public address (https://chat.example.com), which the provider's callback URL is built from (<AUTH_URL>/api/auth/callback/<github|google|oidc>).",
    );
  }

  const platformKeys = ["GLM_BASE_URL", "DASHSCOPE_API_KEY", "BIGMODEL_API_KEY", "ACEDATA_API_KEY", "RUNWARE_API_KEY"];
  if (!platformKeys.some(value)) {
    warnings.push(
      "No model platform is configured by environment (GLM_BASE_URL, DASHSCOPE_API_KEY, …): an admin can add one in the app under Admin → Platforms.",
    );
  }
  return { errors, warnings };
}
