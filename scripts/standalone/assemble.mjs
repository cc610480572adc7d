// Completes `next build`'s standalone server (.next/standalone) the way the Dockerfile lays out the
// image: Next.js leaves out the static assets and public/ (its docs say to copy them next to
// server.js), and the image adds the migrations and its entry point, start.mjs. Afterwards
// `node .next/standalone/start.mjs` is the image's server, run from this checkout (`npm start`).
// Runs after `npm run build` (postbuild), and from scripts/start.mjs when a build was made
// another way (`npx next build`). Plain JavaScript: it runs without tsx.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const root = path.resolve(import.meta.dirname, "../..");
const standalone = path.join(root, ".next/standalone");
/** Written last, with the build's id: the standalone directory is complete for that build. */
const MARK = ".glm-chat-assembled";

/** The build's id, or null when there is no standalone build to complete. */
function buildId() {
  if (!existsSync(path.join(standalone, "server.js"))) return null;
  return readFileSync(path.join(root, ".next/BUILD_ID"), "utf8").trim();
}

/**
 * Copies what the standalone server needs into .next/standalone unless it is already there.
 * `next build` empties .next/ first (cleanDistDir), so whatever is there belongs to this build.
 * Several servers may start at once (the browser tests start five): each piece is copied beside
 * its place and renamed into it, so that no server ever reads a half-copied file. Returns false
 * when there is no standalone build.
 */
export function assemble() {
  const id = buildId();
  if (!id) return false;
  const mark = path.join(standalone, MARK);
  if (existsSync(mark) && readFileSync(mark, "utf8") === id) return true;
  const pieces = [
    [".next/static", ".next/static"],
    ["public", "public"],
    ["prisma/migrations", "prisma/migrations"],
    ["scripts/standalone/migrate.mjs", "migrate.mjs"],
    ["scripts/standalone/start.mjs", "start.mjs"],
  ];
  for (const [from, to] of pieces) {
    const target = path.join(standalone, to);
    if (existsSync(target)) continue;
    const temporary = `${target}.${process.pid}.tmp`;
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(path.join(root, from), temporary, { recursive: true });
    try {
      renameSync(temporary, target);
    } catch (error) {
      // Another server starting at the same time put its copy there first.
      rmSync(temporary, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
  }
  writeFileSync(mark, id);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (!assemble()) {
    console.error("assemble: no standalone build in .next/standalone (run `npm run build`)");
    process.exit(1);
  }
  console.log("assemble: .next/standalone has its static assets, public/, migrations and start.mjs");
}
