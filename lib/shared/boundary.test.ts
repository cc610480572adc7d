import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The browser's code reaches lib/ only through lib/shared/ (README, Where code goes): whatever a
// "use client" module imports, directly or through other modules, is either outside lib/ or in
// lib/shared/. Server actions ("use server") are references, not code the browser runs. A client
// component importing a server module by mistake would ship server code (and, for one that
// imports `server-only`, fail the build much later, with a less helpful message).

const root = path.resolve(__dirname, "../..");
const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "generated" || entry.name === "__fixtures__" ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const candidate of [
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
    base,
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {}
  }
  return null;
}

/** The specifiers a file loads at run time: type-only imports are erased. */
function runtimeSpecifiers(source: string): string[] {
  const specs: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+"([^"]+)"/gm)) {
    const [, , typeOnly, clause, spec] = match;
    if (typeOnly) continue;
    // `import { type A, type B } from` is erased too.
    const names = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    if (names?.split(",").every((n) => !n.trim() || n.trim().startsWith("type "))) continue;
    specs.push(spec);
  }
  for (const match of source.matchAll(/^\s*import\s+"([^"]+)"/gm)) specs.push(match[1]);
  for (const match of source.matchAll(/import\(\s*"([^"]+)"\s*\)/g)) specs.push(match[1]);
  return specs;
}

/** The repository's modules a file loads at run time. */
function runtimeImports(file: string, source: string): string[] {
  return runtimeSpecifiers(source).flatMap((spec) => resolveImport(file, spec) ?? []);
}

const isDirective = (source: string, directive: string) => new RegExp(`^\\s*["']${directive}["']`).test(source);

describe("the browser's way into lib/", () => {
  it("goes only through lib/shared/", () => {
    const files = ["app", "components", "lib"].flatMap((dir) => sourceFiles(path.join(root, dir)));
    const sources = new Map(files.map((file) => [file, readFileSync(file, "utf8")]));
    const reachedFrom = new Map<string, string>();
    const queue = files.filter((file) => isDirective(sources.get(file) ?? "", "use client"));
    for (const file of queue) reachedFrom.set(file, file);
    while (queue.length > 0) {
      const file = queue.pop() as string;
      const source = sources.get(file) ?? readFileSync(file, "utf8");
      if (isDirective(source, "use server")) continue;
      for (const imported of runtimeImports(file, source)) {
        if (reachedFrom.has(imported)) continue;
        reachedFrom.set(imported, file);
        queue.push(imported);
      }
    }
    const lib = path.join(root, "lib") + path.sep;
    const shared = path.join(root, "lib", "shared") + path.sep;
    const strays = [...reachedFrom]
      .filter(([file]) => file.startsWith(lib) && !file.startsWith(shared))
      .filter(([file]) => !isDirective(sources.get(file) ?? "", "use server"))
      .map(([file, by]) => `${path.relative(root, file)} (imported by ${path.relative(root, by)})`);
    expect(strays).toEqual([]);
  });

  it("starts from lib/shared/ modules that load nothing only the server has", () => {
    const shared = path.join(root, "lib", "shared");
    const offending = sourceFiles(shared).flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return runtimeSpecifiers(source)
        .filter((spec) => {
          if (spec === "server-only" || spec.startsWith("node:")) return true;
          const resolved = resolveImport(file, spec);
          return resolved !== null && !resolved.startsWith(shared + path.sep);
        })
        .map((spec) => `${path.relative(root, file)} imports ${spec}`);
    });
    expect(offending).toEqual([]);
  });
});
