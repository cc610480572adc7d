import { describe, expect, it } from "vitest";
import { BODY_LIMITS } from "../../lib/api/body";

// Every write any API route takes, found from the files themselves (a new route is covered the
// day it is added): refused when it comes from another site, is not JSON or declares a body over
// the route's limit, before the session is read (no cookie here: had the session been read first,
// each answer would be 401).

const modules = import.meta.glob<Record<string, unknown>>("./**/route.ts");
const WRITES = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (request: Request, context: unknown) => Promise<Response>;

/** The route's path with each [param] filled in, and the params Next.js would pass. */
function address(file: string) {
  const params: Record<string, string | string[]> = {};
  const path = file
    .replace(/^\.\//, "/api/")
    .replace(/\/route\.ts$/, "")
    .replace(/\[\.\.\.(\w+)\]/g, (_, name: string) => {
      params[name] = ["callback", "credentials"];
      return "callback/credentials";
    })
    .replace(/\[(\w+)\]/g, (_, name: string) => {
      params[name] = `some-${name}`;
      return `some-${name}`;
    });
  return { path, context: { params: Promise.resolve(params) } };
}

const writes = await Promise.all(
  Object.entries(modules).map(async ([file, load]) => {
    const mod = await load();
    const { path, context } = address(file);
    return WRITES.filter((method) => typeof mod[method] === "function").map((method) => ({
      name: `${method} ${path}`,
      method,
      path,
      context,
      handler: mod[method] as Handler,
      isAuth: path.startsWith("/api/auth/"),
      limit:
        path === "/api/chat" ? BODY_LIMITS.chat : path.startsWith("/api/auth/") ? BODY_LIMITS.auth : BODY_LIMITS.json,
    }));
  }),
).then((all) => all.flat());

function send(write: (typeof writes)[number], headers: Record<string, string>, body = "{}") {
  return write.handler(
    new Request(`http://localhost:3000${write.path}`, {
      method: write.method,
      // As a client sends it (a Request made here does not add Content-Length).
      headers: { host: "localhost:3000", "content-length": String(Buffer.byteLength(body)), ...headers },
      body,
    }),
    write.context,
  );
}

describe("writes to the API", () => {
  it("are found: every route file that takes one", () => {
    expect(writes.map((w) => w.name)).toEqual(
      expect.arrayContaining([
        "POST /api/chat",
        "POST /api/presets",
        "DELETE /api/presets/some-id",
        "PATCH /api/conversations/some-id",
        "POST /api/auth/callback/credentials",
      ]),
    );
  });

  it.each(writes)("$name: a cross-site request is refused with 403", async (write) => {
    const probes: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "https://evil.example" },
    ];
    for (const headers of probes) {
      const res = await send(write, { "content-type": "text/plain", ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
  });

  it.each(writes.filter((w) => !w.isAuth))("$name: a body that is not JSON is refused with 415", async (write) => {
    const res = await send(write, { "sec-fetch-site": "same-origin", "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
  });

  it.each(writes)("$name: a declared body over the route's limit is refused with 413", async (write) => {
    const type = write.isAuth ? "application/x-www-form-urlencoded" : "application/json";
    const res = await send(write, {
      "sec-fetch-site": "same-origin",
      "content-type": type,
      "content-length": String(write.limit + 1),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it.each(writes.filter((w) => !w.isAuth))(
    "$name: a same-origin JSON write at the limit goes on to the session",
    async (write) => {
      const res = await send(write, {
        "sec-fetch-site": "same-origin",
        "content-type": "application/json",
        "content-length": String(write.limit),
      });
      expect(res.status).toBe(401);
    },
  );
});
