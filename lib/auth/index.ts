import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserByEmail } from "../db/users";
import { signInSchema } from "./credentials";
import { DUMMY_HASH, verifyPassword } from "./password";
import { parseRole, type Role } from "./roles";
import { admitAttempt, clientAddress, recordSuccess } from "./throttle";

/** Sign-in refused because of too many recent failures (the form says so, and when to retry). */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: string;
  }
}

// Email + password with JWT sessions: checking a session costs no database query, which keeps
// the chat route's time to first token low. (OAuth providers and the Prisma adapter come with
// team administration, issue #6.)
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        // Counted first; too many: refused without looking at the password (lib/auth/throttle).
        if (!(await admitAttempt(email, clientAddress(request?.headers)))) throw new SignInLocked();
        const user = await findUserByEmail(email);
        const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user?.passwordHash || !ok || user.disabledAt) return null;
        await recordSuccess(email);
        return { id: user.id, email: user.email, name: user.name, role: user.role };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.role = parseRole(user.role);
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.user.role = parseRole(token.role);
      return session;
    },
  },
});
