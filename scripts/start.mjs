// `npm start`: the production server from this checkout, after `npm run build`. It is Next.js's
// standalone server (next.config.ts has output: "standalone", which `next start` does not
// serve), started by the Docker image's own entry point, scripts/standalone/start.mjs: it
// applies the migrations, then runs server.js. What a checkout adds to the image:
// - the environment files, read as `next start` reads them (.env.production.local, .env.local,
//   .env.production, .env; a variable already set wins), with Next.js's own loader;
// - `-p, --port <port>` (or PORT; 3000) and `-H, --hostname <host>` (0.0.0.0 by default), as
//   `next start` takes them. An inherited HOSTNAME is not used: many shells and containers set
//   it to the machine's name;
// - it runs in this directory, so that a relative DATABASE_URL (the default too) is where
//   `npm run dev` and `npm run setup` keep the database, not in .next/standalone.
// One process: the server runs in this one, so that a signal sent to it reaches the server.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { assemble } from "./standalone/assemble.mjs";

const root = path.resolve(import.meta.dirname, "..");
process.chdir(root);

function option(short, long) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === short || args[i] === long) return args[i + 1];
    if (args[i].startsWith(`${long}=`)) return args[i].slice(long.length + 1);
  }
  return undefined;
}

// @next/env, as the installed Next.js resolves it: the loader `next start` uses.
const { loadEnvConfig } = createRequire(createRequire(import.meta.url).resolve("next/package.json"))("@next/env");
loadEnvConfig(root, false);

process.env.PORT = option("-p", "--port") ?? (process.env.PORT?.trim() || "3000");
process.env.HOSTNAME = option("-H", "--hostname") ?? "0.0.0.0";

if (!assemble()) {
  console.error("glm-chat: no production build in .next/standalone: run `npm run build` first");
  process.exit(1);
}
await import(pathToFileURL(path.join(root, ".next/standalone/start.mjs")).href);
