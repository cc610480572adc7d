import "server-only";
import { cookies, headers } from "next/headers";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { parseRole, type Role } from "../shared/roles";
import { INVITE_COOKIE } from "../team/invite-cookie";
import { providerSignIn } from "../team/provider-sign-in";
import { signInSchema } from "./credentials";
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from "./password";
import { emailVerifiedBy, passwordSignIn } from "./provider-config";
import { oauthProviders } from "./providers";
import { findUserByEmail, replacePasswordHash } from "./queries";
import { isHttpsRequest, sessionCookie } from "./session-cookie";
import { endSession, extendSession, SESSION_MAX_AGE_S, sessionNeedsExtending, startSession } from "./sessions";
import { sessionIdOf, signedInAtOf, standingOf } from "./standing";
import { admitAttempt, clientAddress, recordSuccess } from "./throttle";

/** Sign-in refused because of too many recent failures (the form says so, and when to retry). */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
}

/** The right password for a disabled account: said plainly (only to someone who knows the password). */
export class AccountDisabled extends CredentialsSignin {
  code = "disabled";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; signedInAt: number; sessionId: string } & DefaultSession["user"];
  }
  interface User {
    role?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: string;
    /** When the session began (ms), which next-auth's own `iat` does not keep: it renews it. */
    signedInAt?: number;
    /** The session's id: its row (./sessions) says whether it still counts. */
    sid?: string;
  }
}

const credentials = Credentials({
  credentials: { email: { type: "email" }, password: { type: "password" } },
  async authorize(raw, request) {
    const parsed = signInSchema.safeParse(raw);
    if (!parsed.success) return null;
    const { email, password } = parsed.data;
    // Counted first; too many: refused without looking at the password (lib/auth/throttle).
    const address = clientAddress(request?.headers);
    if (!(await admitAttempt(email, address))) throw new SignInLocked();
    const user = await findUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user?.passwordHash || !ok) return null;
    if (user.disabledAt) throw new AccountDisabled();
    await recordSuccess(email, address);
    if (needsRehash(user.passwordHash)) await rehash(user.id, user.passwordHash, password);
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  },
});

/** A hash of an older kind (./password needsRehash) replaced by a new one, unless it changed meanwhile. */
async function rehash(userId: string, old: string, password: string): Promise<void> {
  await replacePasswordHash(userId, old, await hashPassword(password));
}

// JWT sessions, each with an id whose row (./sessions) is read with the account's on every use
// (./standing): one query, no session-table round trip of its own, which keeps the chat route's
// time to first token low. What a token cannot know (the account disabled, its sessions revoked
// or signed out, its role changed) comes from those rows. Providers other than email + password
// come from the environment (./provider-config); their accounts are linked and created by our
// own rules (lib/team/provider-sign-in), not by an adapter.
const config = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  // Provider errors (a refused sign-in, a failed callback) come back to the sign-in page, which words them.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [...(passwordSignIn() ? [credentials] : []), ...oauthProviders()],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      const jar = await cookies();
      const invite = jar.get(INVITE_COOKIE)?.value ?? null;
      const result = await providerSignIn({
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        type: account.type,
        email: user.email ?? null,
        name: user.name ?? null,
        emailVerified: emailVerifiedBy(account.provider, profile as Record<string, unknown> | undefined),
        inviteToken: invite,
      });
      // The invite has done its part, or cannot: either way it must not stick to later sign-ins.
      if (invite) jar.delete(INVITE_COOKIE);
      if (!result.ok) return `/sign-in?error=${result.reason}`;
      // From here on the session is about our user, not the provider's profile.
      user.id = result.user.id;
      user.role = result.user.role;
      user.email = result.user.email;
      user.name = result.user.name;
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = parseRole(user.role);
        token.signedInAt = Date.now();
        token.sid = await startSession(user.id);
        return token;
      }
      // A session in use: still an account in good standing, and not signed out? (null signs the
      // browser out.) A token from before sessions had ids has none: one sign-in again.
      const sessionId = sessionIdOf(token);
      if (!token.sub || !sessionId) return null;
      try {
        const standing = await standingOf({ userId: token.sub, signedInAt: signedInAtOf(token), sessionId });
        if (standing.refused) return null;
        token.role = standing.role;
        // This answer renews the cookie; the row must outlive it.
        if (standing.sessionExpiresAt !== null && sessionNeedsExtending(standing.sessionExpiresAt)) {
          await extendSession(sessionId);
        }
      } catch (error) {
        // The database did not answer: keep the session (signing everyone out over a blip would
        // be worse) but not its admin rights, which only the row can confirm; the next request
        // that reaches the database reads the role again.
        console.error("auth: could not check the session's account", error);
        token.role = "member";
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = parseRole(token.role);
      session.user.signedInAt = signedInAtOf(token);
      session.user.sessionId = sessionIdOf(token) ?? "";
      return session;
    },
  },
  events: {
    // Signing out (the sign-out action, or next-auth's endpoint) ends the session on the server:
    // a copy of the cookie no longer works.
    async signOut(message) {
      const sessionId = "token" in message && message.token ? sessionIdOf(message.token) : null;
      if (sessionId) await endSession(sessionId);
    },
  },
} satisfies NextAuthConfig;

// The configuration per request, for the session cookie's name: "__Host-" prefixed over HTTPS,
// plain over http (./session-cookie). Server components and actions have no request object here
// (next-auth passes none): their headers are the request's.
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
  const https = isHttpsRequest(request?.headers ?? (await headers()));
  return { ...config, useSecureCookies: https, cookies: { sessionToken: sessionCookie(https) } };
});
