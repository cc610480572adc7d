import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server environment; unit tests run plain Node.
      "server-only": fileURLToPath(new URL("./scripts/testing/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,components,scripts,app}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
  },
});
