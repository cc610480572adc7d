import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "./e2e/chromium";
import { ADMIN, APP_PORT, APP_URL, BARE_APP_PORT, BARE_APP_URL, SIM_API_KEY, SIM_PORT, SIM_URL } from "./e2e/servers";

// End-to-end tests against the production build (`next build` runs first, see package.json) and
// the GLM simulator. Every run starts from fresh databases; each test signs up its own users.

const common = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789abcdef",
  ENCRYPTION_KEY: "e2e-only-encryption-key-0123456789abcdef0123",
};

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
    {
      command: `tsx scripts/e2e-server.ts ${APP_PORT} data/e2e/app.db --admin '${ADMIN.email}:${ADMIN.password}'`,
      url: `${APP_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...common,
        GLM_BASE_URL: `${SIM_URL}/compatible-mode/v1`,
        GLM_API_KEY: SIM_API_KEY,
        GLM_FALLBACK_MODELS: "glm-4.7,glm-4.5-air",
        // A second platform at the same time, configured the way a Docker or Vercel deploy would.
        BIGMODEL_API_KEY: SIM_API_KEY,
        BIGMODEL_BASE_URL: `${SIM_URL}/api/paas/v4`,
        RUNWARE_API_KEY: SIM_API_KEY,
        RUNWARE_BASE_URL: SIM_URL,
      },
    },
    {
      command: `tsx scripts/e2e-server.ts ${BARE_APP_PORT} data/e2e/bare.db`,
      url: `${BARE_APP_URL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      // A blank (not empty) value, so that no .env file can fill it in: the app trims it to unset.
      env: { ...common, GLM_BASE_URL: " ", GLM_API_KEY: " " },
    },
  ],
});
