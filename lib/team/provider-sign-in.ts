import "server-only";
import { db } from "../db/client";
import { type RegistrationRefusal, RegistrationRefused, registerUser } from "./registration";

// Signing in through GitHub, Google or OIDC: the provider's account finds its user; a first
// sign-in either joins an existing account with the same email (only when the provider vouches
// for the address) or creates one under the same rules as a password sign-up (open sign-up, an
// invite, or the first account).

export type ProviderRefusal = RegistrationRefusal | "disabled" | "noEmail" | "notLinked";

export interface ProviderProfile {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null;
  name: string | null;
  emailVerified: boolean;
  inviteToken: string | null;
}

export async function providerSignIn(
  profile: ProviderProfile,
): Promise<{ ok: true; user: { id: string; role: string } } | { ok: false; reason: ProviderRefusal }> {
  const { provider, providerAccountId, type } = profile;
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: { id: true, role: true, disabledAt: true } } },
  });
  if (linked) {
    return linked.user.disabledAt ? { ok: false, reason: "disabled" } : { ok: true, user: linked.user };
  }
  const email = profile.email?.trim().toLowerCase() || null;
  if (!email) return { ok: false, reason: "noEmail" };
  const existing = await db.user.findUnique({ where: { email }, select: { id: true, role: true, disabledAt: true } });
  if (existing) {
    if (existing.disabledAt) return { ok: false, reason: "disabled" };
    // Anyone can open a GitHub account naming someone else's address: join only vouched ones.
    if (!profile.emailVerified) return { ok: false, reason: "notLinked" };
    await db.account.create({ data: { userId: existing.id, provider, providerAccountId, type } });
    return { ok: true, user: existing };
  }
  try {
    const user = await registerUser({
      email,
      name: profile.name,
      passwordHash: null,
      inviteToken: profile.inviteToken,
      providerAccount: { provider, providerAccountId, type },
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof RegistrationRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}
