import { describe, expect, it } from "vitest";
import { isLinkToken } from "../crypto/link-token";
import { isSetupToken, setupMessage, setupToken, siteOrigin } from "./setup-token";

const env = { AUTH_SECRET: "a-secret-of-at-least-thirty-two-characters" };

describe("the set-up token", () => {
  it("is the same on every instance with the same AUTH_SECRET, another with another, none without", () => {
    const token = setupToken(env);
    expect(token).toBe(setupToken({ ...env }));
    expect(isLinkToken(token)).toBe(true);
    expect(setupToken({ AUTH_SECRET: `${env.AUTH_SECRET}!` })).not.toBe(token);
    expect(setupToken({ NEXTAUTH_SECRET: env.AUTH_SECRET })).toBe(token);
    expect(setupToken({})).toBeNull();
    expect(setupToken({ AUTH_SECRET: "  " })).toBeNull();
  });

  it("recognises only itself", () => {
    const token = setupToken(env) ?? "";
    expect(isSetupToken(token, env)).toBe(true);
    expect(isSetupToken(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, env)).toBe(false);
    expect(isSetupToken(token.slice(1), env)).toBe(false);
    expect(isSetupToken(`${token}x`, env)).toBe(false);
    expect(isSetupToken(undefined, env)).toBe(false);
    expect(isSetupToken("", env)).toBe(false);
    // Without a secret nothing is the token, not even the empty string.
    expect(isSetupToken(token, {})).toBe(false);
  });

  it("is printed as a link on the site's address", () => {
    const token = setupToken(env) ?? "";
    expect(setupMessage(env)).toContain(`http://localhost:3000/sign-up?setup=${token}`);
    expect(siteOrigin({ PORT: "8080" })).toBe("http://localhost:8080");
    expect(siteOrigin({ AUTH_URL: "https://chat.example.com/api/auth" })).toBe("https://chat.example.com");
    expect(siteOrigin({ VERCEL_URL: "glm-chat-abc.vercel.app" })).toBe("https://glm-chat-abc.vercel.app");
    expect(setupMessage({})).toBeNull();
  });
});
