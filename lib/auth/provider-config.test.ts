import { describe, expect, it } from "vitest";
import { emailVerifiedBy, passwordSignIn, providerOptions, providerProblems } from "./provider-config";

const oidc = { AUTH_OIDC_ISSUER: "https://id.example.test", AUTH_OIDC_ID: "glm", AUTH_OIDC_SECRET: "s" };

describe("sign-in providers from the environment", () => {
  it("offers a provider only when all its variables are set, and names the OIDC one as told", () => {
    expect(providerOptions({})).toEqual([]);
    expect(providerOptions({ AUTH_GITHUB_ID: "x" })).toEqual([]);
    expect(
      providerOptions({ AUTH_GITHUB_ID: "x", AUTH_GITHUB_SECRET: "y", ...oidc, AUTH_OIDC_NAME: "Acme SSO" }),
    ).toEqual([
      { id: "github", name: "GitHub" },
      { id: "oidc", name: "Acme SSO" },
    ]);
  });

  it("keeps the password form unless OIDC-only is asked for and a provider exists", () => {
    expect(passwordSignIn({})).toBe(true);
    expect(passwordSignIn({ AUTH_OIDC_ONLY: "true" })).toBe(true);
    expect(passwordSignIn({ AUTH_OIDC_ONLY: "true", ...oidc })).toBe(false);
    expect(passwordSignIn({ AUTH_OIDC_ONLY: "false", ...oidc })).toBe(true);
  });

  it("reports half a configuration and an OIDC-only team nobody could sign in to", () => {
    expect(providerProblems({ ...oidc })).toEqual([]);
    expect(providerProblems({ AUTH_GOOGLE_ID: "x" })).toEqual([
      "Google sign-in is half configured: AUTH_GOOGLE_SECRET is not set.",
    ]);
    expect(providerProblems({ AUTH_OIDC_ONLY: "true" })[0]).toMatch(/nobody could sign in/);
    expect(providerProblems({ ...oidc, AUTH_OIDC_ISSUER: "id.example.test" })[0]).toMatch(/issuer's URL/);
  });

  it("trusts an address only when the provider says it is verified, and never GitHub's", () => {
    expect(emailVerifiedBy("oidc", { email_verified: true })).toBe(true);
    expect(emailVerifiedBy("google", { email_verified: false })).toBe(false);
    expect(emailVerifiedBy("oidc", {})).toBe(false);
    expect(emailVerifiedBy("github", { email_verified: true })).toBe(false);
  });
});
