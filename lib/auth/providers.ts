import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { providerOptions } from "./provider-config";

// The configured providers (./provider-config) as next-auth providers.

type Env = Record<string, string | undefined>;
const value = (env: Env, name: string) => env[name]?.trim() || undefined;

export function oauthProviders(env: Env = process.env): Provider[] {
  return providerOptions(env).map((option) => {
    switch (option.id) {
      case "github":
        return GitHub({ clientId: value(env, "AUTH_GITHUB_ID"), clientSecret: value(env, "AUTH_GITHUB_SECRET") });
      case "google":
        return Google({ clientId: value(env, "AUTH_GOOGLE_ID"), clientSecret: value(env, "AUTH_GOOGLE_SECRET") });
      default:
        // "oidc": a generic OpenID Connect issuer, found through its discovery document.
        return {
          id: "oidc",
          name: option.name,
          type: "oidc",
          issuer: value(env, "AUTH_OIDC_ISSUER"),
          clientId: value(env, "AUTH_OIDC_ID"),
          clientSecret: value(env, "AUTH_OIDC_SECRET"),
          authorization: { params: { scope: "openid email profile" } },
        } satisfies Provider;
    }
  });
}
