import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/chromium";
import {
  ADMIN,
  APP_ENV,
  APP_PORT,
  APP_URL,
  BARE_APP_PORT,
  FRESH_APP_PORT,
  OIDC_CLIENT,
  OIDC_NAME,
  OIDC_PORT,
  OIDC_URL,
  SIM_API_KEY,
  SIM_PLATFORM_ENV,
  SIM_PORT,
  SIM_URL,
  SSO_ONLY_APP_PORT,
  TEAM_APP_PORT,
} from "./e2e/servers";

// End-to-end tests against the production build (`next build` runs first, see package.json) and
// the GLM simulator. Every run starts from fresh databases; each test signs up its own users.

const oidcProvider = {
  AUTH_OIDC_ISSUER: OIDC_URL,
  AUTH_OIDC_ID: OIDC_CLIENT.id,
  AUTH_OIDC_SECRET: OIDC_CLIENT.secret,
  AUTH_OIDC_NAME: OIDC_NAME,
};

/**
 * An instance of the built app on a fresh database of its own (test/e2e-server.ts): with the
 * team admin, and with sign-up open (a new team's is by invite), when asked.
 */
function appServer(
  port: number,
  name: string,
  options: { withAdmin?: boolean; openSignUp?: boolean; env: Record<string, string> },
) {
  const admin = options.withAdmin ? ` --admin '${ADMIN.email}:${ADMIN.password}'` : "";
  const signUp = options.openSignUp ? " --sign-up open" : "";
  return {
    command: `tsx test/e2e-server.ts ${port} data/e2e/${name}.db${admin}${signUp}`,
    url: `http://127.0.0.1:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { ...APP_ENV, ...options.env },
  };
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: APP_URL,
    browserName: "chromium",
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: `tsx scripts/glm-simulator.ts --port ${SIM_PORT} --key ${SIM_API_KEY}`,
      url: `${SIM_URL}/__sim/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    // Tests sign up users of their own here.
    appServer(APP_PORT, "app", {
      withAdmin: true,
      openSignUp: true,
      env: {
        ...SIM_PLATFORM_ENV,
        GLM_FALLBACK_MODELS: "glm-4.7,glm-4.5-air",
        // A second platform at the same time, configured the way a Docker or Vercel deploy would.
        BIGMODEL_API_KEY: SIM_API_KEY,
        BIGMODEL_BASE_URL: `${SIM_URL}/api/paas/v4`,
        RUNWARE_API_KEY: SIM_API_KEY,
        RUNWARE_BASE_URL: SIM_URL,
      },
    }),
    // A blank (not empty) value, so that no .env file can fill it in: the app trims it to unset.
    appServer(BARE_APP_PORT, "bare", {
      withAdmin: true,
      openSignUp: true,
      env: { GLM_BASE_URL: " ", GLM_API_KEY: " " },
    }),
    {
      command: `tsx test/oidc-issuer.ts --port ${OIDC_PORT} --client ${OIDC_CLIENT.id}:${OIDC_CLIENT.secret}`,
      url: `${OIDC_URL}/health`,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    // Team administration changes team-wide settings (closing sign-up, the models): its own
    // instance and database, so that other tests running meanwhile are not affected.
    appServer(TEAM_APP_PORT, "team", {
      withAdmin: true,
      env: {
        ...SIM_PLATFORM_ENV,
        ...oidcProvider,
      },
    }),
    // A team whose identity provider is the only way in (and signs newcomers up).
    appServer(SSO_ONLY_APP_PORT, "sso-only", {
      withAdmin: true,
      openSignUp: true,
      env: { ...SIM_PLATFORM_ENV, ...oidcProvider, AUTH_OIDC_ONLY: "true" },
    }),
    // A fresh deployment: no account yet, sign-up as a new team has it.
    appServer(FRESH_APP_PORT, "fresh", { env: SIM_PLATFORM_ENV }),
  ],
});
