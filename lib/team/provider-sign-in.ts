import "server-only";
import { findSignInUserByEmail, findUserByProviderAccount, linkProviderAccount } from "./queries/accounts";
import { type RegistrationRefusal, RegistrationRefused, registerUser } from "./registration";
import { isSetupToken } from "./setup-token";

// Signing in through GitHub, Google or OIDC: the provider's account finds its user; a first
// sign-in either joins an existing account with the same email (only when the provider vouches
// for the address and the account's address was proven too) or creates one under the same rules as a password sign-up (open sign-up, an
// invite, or the set-up link for the first account).

export type ProviderRefusal = RegistrationRefusal | "disabled" | "noEmail" | "notLinked";

export interface ProviderProfile {
  provider: string;
  providerAccountId: string;
  type: string;
  email: string | null;
  name: string | null;
  emailVerified: boolean;
  /** The invite link (or set-up link) the person came with, carried through the provider. */
  inviteToken: string | null;
}

export type ProviderUser = { id: string; email: string; name: string | null; role: string };

export async function providerSignIn(
  profile: ProviderProfile,
): Promise<{ ok: true; user: ProviderUser } | { ok: false; reason: ProviderRefusal }> {
  const { provider, providerAccountId, type } = profile;
  const linked = await findUserByProviderAccount(provider, providerAccountId);
  if (linked) {
    return linked.disabledAt ? { ok: false, reason: "disabled" } : { ok: true, user: linked };
  }
  const email = profile.email?.trim().toLowerCase() || null;
  if (!email) return { ok: false, reason: "noEmail" };
  const existing = await findSignInUserByEmail(email);
  if (existing) {
    if (existing.disabledAt) return { ok: false, reason: "disabled" };
    // Joined only when both sides proved the address: the provider now (anyone can open a
    // GitHub account naming someone else's address), and the account when it was made (anyone
    // could have signed up with a password under the owner's address first, and would then share
    // the owner's account).
    if (!profile.emailVerified || !existing.emailVerified) return { ok: false, reason: "notLinked" };
    await linkProviderAccount({ userId: existing.id, provider, providerAccountId, type });
    return { ok: true, user: existing };
  }
  try {
    const user = await registerUser({
      email,
      name: profile.name,
      passwordHash: null,
      inviteToken: profile.inviteToken,
      // The set-up link travels like an invite (lib/team/invite-cookie).
      setup: isSetupToken(profile.inviteToken),
      providerAccount: { provider, providerAccountId, type },
      emailVerified: profile.emailVerified,
    });
    return { ok: true, user };
  } catch (error) {
    if (error instanceof RegistrationRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}
