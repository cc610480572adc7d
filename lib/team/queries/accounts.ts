import "server-only";
import { db, sql } from "../../db/client";

// Accounts as they are made and found at sign-up and sign-in (lib/team/registration,
// lib/team/provider-sign-in, lib/team/first-admin).

/** Whether the team has any account yet. One read of at most one row. */
export async function hasAnyAccount(): Promise<boolean> {
  return (await sql().execute('SELECT 1 FROM "User" LIMIT 1')).rows.length > 0;
}

export async function emailTaken(email: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { email }, select: { id: true } })) !== null;
}

const SIGN_IN_USER = { id: true, email: true, name: true, role: true, disabledAt: true, emailVerified: true } as const;

/** The user a provider's account is linked to, if it is. */
export async function findUserByProviderAccount(provider: string, providerAccountId: string) {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { user: { select: SIGN_IN_USER } },
  });
  return linked?.user ?? null;
}

export async function findSignInUserByEmail(email: string) {
  return db.user.findUnique({ where: { email }, select: SIGN_IN_USER });
}

/** Links a provider's account to a user (already linked: nothing to do). */
export async function linkProviderAccount(account: {
  userId: string;
  provider: string;
  providerAccountId: string;
  type: string;
}): Promise<void> {
  try {
    await db.account.create({ data: account });
  } catch (error) {
    // The same callback twice at once: the other one linked it.
    if ((error as { code?: unknown }).code !== "P2002") throw error;
  }
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];
/** The client or a transaction: what the rules read. */
type Reader = Pick<Tx, "user" | "teamSettings" | "invite">;

/** What the rules of who may sign up read (lib/team/registration admission). */
export type AdmissionFacts = Awaited<ReturnType<typeof readAdmissionFacts>>;

/**
 * Whether the team has an account, its settings row, and the invite a token's hash stands for
 * (when one is given) with the role and state of whoever made it, as they are now.
 */
async function readAdmissionFacts(r: Reader, inviteTokenHash: string | null) {
  const [anyone, settings, invite] = await Promise.all([
    r.user.findFirst({ select: { id: true } }),
    r.teamSettings.findUnique({ where: { id: "team" } }),
    inviteTokenHash ? r.invite.findUnique({ where: { tokenHash: inviteTokenHash } }) : null,
  ]);
  const creator = invite
    ? await r.user.findUnique({ where: { id: invite.createdById }, select: { role: true, disabledAt: true } })
    : null;
  return { anyone: anyone !== null, settings, invite: invite && { ...invite, creator } };
}

export function findAdmissionFacts(inviteTokenHash: string | null): Promise<AdmissionFacts> {
  return readAdmissionFacts(db, inviteTokenHash);
}

export interface NewAccountRow {
  email: string;
  name: string | null;
  passwordHash: string | null;
  emailVerified: Date | null;
  /** A provider's account to link. */
  providerAccount?: { provider: string; providerAccountId: string; type: string };
}

/**
 * Makes an account in one transaction: reads the facts (for the invite `inviteTokenHash` stands
 * for), lets `admit` judge them (it throws to refuse, else gives the role and the invite to use
 * up), uses the invite up and creates the account. Refused when the invite was used up meanwhile
 * or the address is taken: nothing is written then.
 */
export async function insertAccount(
  account: NewAccountRow,
  inviteTokenHash: string | null,
  admit: (facts: AdmissionFacts) => { role: string; inviteId: string | null },
  now: Date,
): Promise<
  | { ok: true; user: { id: string; email: string; name: string | null; role: string } }
  | { ok: false; reason: "inviteInvalid" | "emailTaken" }
> {
  try {
    return await db.$transaction(async (tx) => {
      const { role, inviteId } = admit(await readAdmissionFacts(tx, inviteTokenHash));
      if (inviteId) {
        // Conditional, so that of two sign-ups with one link only one gets it.
        const claimed = await tx.invite.updateMany({
          where: { id: inviteId, usedAt: null, revokedAt: null },
          data: { usedAt: now },
        });
        if (claimed.count !== 1) return { ok: false, reason: "inviteInvalid" } as const;
      }
      const { providerAccount, ...row } = account;
      const user = await tx.user.create({
        data: { ...row, role, ...(providerAccount && { accounts: { create: providerAccount } }) },
        select: { id: true, email: true, name: true, role: true },
      });
      if (inviteId) await tx.invite.update({ where: { id: inviteId }, data: { usedById: user.id } });
      return { ok: true, user } as const;
    });
  } catch (error) {
    // The unique index decides between two sign-ups with one email (and rolls the invite back).
    if ((error as { code?: unknown }).code === "P2002") return { ok: false, reason: "emailTaken" };
    throw error;
  }
}
