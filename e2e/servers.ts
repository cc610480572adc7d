// Ports and settings shared by playwright.config.ts and the tests.
/** The test instances' AUTH_SECRET (from which the set-up link's token is derived). */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production-0123456789abcdef";
export const SIM_PORT = 4110;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const SIM_API_KEY = "sk-e2e-simulator";
/** The environment of every test instance of the app. */
export const APP_ENV = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: E2E_AUTH_SECRET,
  ENCRYPTION_KEY: "e2e-only-encryption-key-0123456789abcdef0123",
};
/** The simulator as an instance's model platform. */
export const SIM_PLATFORM_ENV = { GLM_BASE_URL: `${SIM_URL}/compatible-mode/v1`, GLM_API_KEY: SIM_API_KEY };
export const APP_PORT = 3100;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** A second instance of the same build with no model platform configured. */
export const BARE_APP_PORT = 3101;
export const BARE_APP_URL = `http://127.0.0.1:${BARE_APP_PORT}`;
/** The team admin the e2e server creates before the app starts. */
export const ADMIN = { email: "admin@example.test", password: "admin password 123", name: "Admin" };
/**
 * A third instance for team administration (sign-up closed, invites, models), with an OIDC
 * provider. On "localhost": Next.js reports a loopback IP as localhost to route handlers, so a
 * provider's callback URL is only the same in both halves of the flow under that name.
 */
export const TEAM_APP_PORT = 3102;
export const TEAM_APP_URL = `http://localhost:${TEAM_APP_PORT}`;
/** The team's identity provider (test/oidc-issuer.ts). */
export const OIDC_PORT = 4120;
export const OIDC_URL = `http://127.0.0.1:${OIDC_PORT}`;
export const OIDC_CLIENT = { id: "glm-chat-e2e", secret: "oidc-e2e-client-secret" };
export const OIDC_NAME = "Acme SSO";
/** A fourth instance where the OIDC provider is the only way in (AUTH_OIDC_ONLY). */
export const SSO_ONLY_APP_PORT = 3103;
export const SSO_ONLY_APP_URL = `http://localhost:${SSO_ONLY_APP_PORT}`;
/** A fifth instance that starts as a fresh deployment: no account yet (the set-up link). */
export const FRESH_APP_PORT = 3104;
export const FRESH_APP_URL = `http://127.0.0.1:${FRESH_APP_PORT}`;
