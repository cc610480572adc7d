// Sign-in methods besides email + password, each present when its environment variables are set
// (one OAuth app per deployment, so configuration belongs with the deployment, not the database).
// AUTH_OIDC_ONLY=true leaves the providers as the only way in: no password form, no password
// sign-up. Pure functions of the environment, checked at start (lib/env).

type Env = Record<string, string | undefined>;

export interface ProviderOption {
  id: "github" | "google" | "oidc";
  name: string;
}

const value = (env: Env, name: string) => env[name]?.trim() || undefined;

/** The providers whose id and secret are both set. */
export function providerOptions(env: Env = process.env): ProviderOption[] {
  const options: ProviderOption[] = [];
  if (value(env, "AUTH_GITHUB_ID") && value(env, "AUTH_GITHUB_SECRET")) options.push({ id: "github", name: "GitHub" });
  if (value(env, "AUTH_GOOGLE_ID") && value(env, "AUTH_GOOGLE_SECRET")) options.push({ id: "google", name: "Google" });
  if (value(env, "AUTH_OIDC_ISSUER") && value(env, "AUTH_OIDC_ID") && value(env, "AUTH_OIDC_SECRET")) {
    options.push({ id: "oidc", name: value(env, "AUTH_OIDC_NAME") ?? "Single sign-on" });
  }
  return options;
}

/** Whether email + password works: always, unless OIDC-only is asked for and a provider exists. */
export function passwordSignIn(env: Env = process.env): boolean {
  return !(value(env, "AUTH_OIDC_ONLY") === "true" && providerOptions(env).length > 0);
}

/**
 * Whether a provider vouches that the address belongs to the person, which is what allows
 * signing in to an existing account with the same email. Google and OIDC say so in the ID token;
 * GitHub's profile does not (its primary address may be unverified), so GitHub never links.
 */
export function emailVerifiedBy(provider: string, profile: Record<string, unknown> | undefined): boolean {
  if (provider === "github") return false;
  return profile?.email_verified === true || profile?.email_verified === "true";
}

/** Problems with the sign-in configuration, for the start-up check. */
export function providerProblems(env: Env): string[] {
  const problems: string[] = [];
  const pairs: [string, string[]][] = [
    ["GitHub", ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"]],
    ["Google", ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"]],
    ["OIDC", ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"]],
  ];
  for (const [name, names] of pairs) {
    const set = names.filter((n) => value(env, n));
    if (set.length > 0 && set.length < names.length) {
      const missing = names.filter((n) => !value(env, n));
      problems.push(
        `${name} sign-in is half configured: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set.`,
      );
    }
  }
  const issuer = value(env, "AUTH_OIDC_ISSUER");
  if (issuer && !/^https?:\/\//.test(issuer)) problems.push("AUTH_OIDC_ISSUER must be the issuer's URL (https://…).");
  if (value(env, "AUTH_OIDC_ONLY") === "true" && providerOptions(env).length === 0) {
    problems.push(
      "AUTH_OIDC_ONLY is true but no sign-in provider is configured: nobody could sign in. Set a provider's variables, or unset AUTH_OIDC_ONLY.",
    );
  }
  return problems;
}
