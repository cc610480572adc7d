import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

// A small OpenID Connect issuer for the end-to-end tests, standing in for a team's identity
// provider (Okta, Keycloak, Entra…): discovery, a login page, the authorization-code flow with
// PKCE, RS256-signed ID tokens, userinfo and JWKS, as OpenID Connect Core 1.0 describes them. Its
// login page asks only for an email address (it is a test issuer: anyone can be anyone), and
// vouches for it (email_verified) unless the address contains "+unverified".
//
//   tsx test/oidc-issuer.ts --port 4120 --client glm-chat:secret

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(option("port", "4120"));
const [clientId, clientSecret] = option("client", "glm-chat:secret").split(":");
const issuer = `http://127.0.0.1:${port}`;

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const kid = randomBytes(8).toString("hex");
const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };

interface Grant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  nonce: string | null;
  email: string;
  expires: number;
}
const codes = new Map<string, Grant>();
const accessTokens = new Map<string, { sub: string; email: string }>();

const b64url = (value: Buffer | string) => Buffer.from(value).toString("base64url");
const subjectOf = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 24);
const verified = (email: string) => !email.includes("+unverified");

function idToken(grant: Grant): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", kid };
  const claims = {
    iss: issuer,
    sub: subjectOf(grant.email),
    aud: grant.clientId,
    iat: now,
    exp: now + 300,
    ...(grant.nonce && { nonce: grant.nonce }),
    email: grant.email,
    email_verified: verified(grant.email),
    name: grant.email.split("@")[0],
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${b64url(sign("sha256", Buffer.from(input), privateKey))}`;
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(query: URLSearchParams): string {
  const hidden = [...query.entries()]
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join("");
  return `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body>
<main><h1>Test identity provider</h1><form method="post" action="/authorize">${hidden}
<label for="email">Email</label> <input id="email" name="login_email" type="email" required>
<button type="submit">Sign in</button></form></main></body></html>`;
}

function clientAuth(req: IncomingMessage, body: URLSearchParams): { id: string; secret: string } | null {
  const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64").toString("utf8").split(":").map(decodeURIComponent);
    return { id: id ?? "", secret: secret ?? "" };
  }
  const id = body.get("client_id");
  const secret = body.get("client_secret");
  return id && secret ? { id, secret } : null;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  try {
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
        token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
        scopes_supported: ["openid", "email", "profile"],
        claims_supported: ["sub", "email", "email_verified", "name"],
      });
    }
    if (url.pathname === "/jwks") return json(res, 200, { keys: [jwk] });
    if (url.pathname === "/health") return json(res, 200, { ok: true });

    if (url.pathname === "/authorize" && req.method === "GET") {
      const q = url.searchParams;
      if (q.get("client_id") !== clientId || q.get("response_type") !== "code" || !q.get("redirect_uri")) {
        return json(res, 400, { error: "invalid_request" });
      }
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(loginPage(q));
    }
    if (url.pathname === "/authorize" && req.method === "POST") {
      const q = await form(req);
      const redirectUri = q.get("redirect_uri") ?? "";
      const email = (q.get("login_email") ?? "").trim().toLowerCase();
      if (q.get("client_id") !== clientId || !redirectUri || !email)
        return json(res, 400, { error: "invalid_request" });
      const code = randomBytes(24).toString("base64url");
      codes.set(code, {
        clientId,
        redirectUri,
        codeChallenge: q.get("code_challenge"),
        nonce: q.get("nonce"),
        email,
        expires: Date.now() + 60_000,
      });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = q.get("state");
      if (state) back.searchParams.set("state", state);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      const body = await form(req);
      const client = clientAuth(req, body);
      if (client?.id !== clientId || client.secret !== clientSecret) return json(res, 401, { error: "invalid_client" });
      const code = body.get("code") ?? "";
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant || grant.expires < Date.now()) {
        return json(res, 400, { error: "invalid_grant", error_description: "unknown or expired code" });
      }
      if (grant.redirectUri !== body.get("redirect_uri")) {
        return json(res, 400, {
          error: "invalid_grant",
          error_description: `redirect_uri ${body.get("redirect_uri")} differs from ${grant.redirectUri}`,
        });
      }
      if (grant.codeChallenge) {
        const verifier = body.get("code_verifier") ?? "";
        if (createHash("sha256").update(verifier).digest("base64url") !== grant.codeChallenge) {
          return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
        }
      }
      const accessToken = randomBytes(24).toString("base64url");
      accessTokens.set(accessToken, { sub: subjectOf(grant.email), email: grant.email });
      return json(res, 200, {
        access_token: accessToken,
        token_type: "Bearer",
        expires_in: 300,
        id_token: idToken(grant),
        scope: "openid email profile",
      });
    }
    if (url.pathname === "/userinfo") {
      const token = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1] ?? "";
      const who = accessTokens.get(token);
      if (!who) return json(res, 401, { error: "invalid_token" });
      return json(res, 200, {
        sub: who.sub,
        email: who.email,
        email_verified: verified(who.email),
        name: who.email.split("@")[0],
      });
    }
    json(res, 404, { error: "not_found" });
  } catch (error) {
    console.error("oidc-issuer:", error);
    json(res, 500, { error: "server_error" });
  }
});

server.listen(port, "127.0.0.1", () => console.log(`test OIDC issuer on ${issuer}`));
