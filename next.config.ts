import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server (issue #6): the Docker image runs it, and so does `npm start`
  // (scripts/start.mjs; `next start` warns that it does not work with this output).
  output: "standalone",
  // `next dev` reached as 127.0.0.1 (as the e2e tests and some laptops do) must still hydrate.
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
  // Messages are compiled on the server (lib/i18n/messages): the browser needs only use-intl's
  // formatter, not an ICU parser (about 9 KB gzipped less).
  turbopack: {
    resolveAlias: { "use-intl/format-message": "use-intl/format-message/format-only" },
  },
  serverExternalPackages: ["@libsql/client", "@prisma/adapter-libsql", "libsql"],
  experimental: {
    serverActions: {
      // Server actions (sign-in, sign-up, admin forms) take at most this much; Next.js counts
      // the body as it arrives and stops there. The largest is an MCP server's tool choices:
      // up to ~500 tools (discovery stops there) of up to 128-character names, ~85 KB. The
      // rest are under 4 KB. Next.js also refuses an action whose Origin is not this host.
      bodySizeLimit: "128kb",
    },
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            // No remote images, frames, plugins or foreign form targets; scripts and styles are
            // Next.js's own (nonce-based script CSP would make every page dynamic-only).
            key: "Content-Security-Policy",
            value:
              "img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
          },
        ],
      },
    ];
  },
};

export default nextConfig;
