import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: fileURLToPath(new URL("./", import.meta.url)) },
      // As in next.config.ts: messages are precompiled, so use-intl formats without a parser.
      { find: /^use-intl\/format-message$/, replacement: "use-intl/format-message/format-only" },
      // `server-only` throws outside a React Server environment; unit tests run plain Node.
      {
        find: /^server-only$/,
        replacement: fileURLToPath(new URL("./test/empty-module.ts", import.meta.url)),
      },
    ],
  },
  test: {
    include: ["{lib,components,scripts,app}/**/*.test.{ts,tsx}"],
    environment: "node",
    testTimeout: 20_000,
    // Bundled: use-intl, so that its own import of its formatter gets the alias above; next-auth,
    // whose "next/server" import (no extension) plain Node ESM cannot resolve.
    server: { deps: { inline: ["use-intl", "next-auth", "@auth/core"] } },
  },
});
