import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// Who may join and what admins may change, against a real database: the first account, open and
// closed sign-up, invite links (once, for their address, until they expire), provider accounts,
// roles with the last-admin rule, disabling and signing out everywhere.

let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let mod: {
  db: typeof import("../db/client").db;
  registration: typeof import("./registration");
  invites: typeof import("./invites");
  members: typeof import("./members");
  settings: typeof import("./settings");
  providers: typeof import("./provider-sign-in");
  standing: typeof import("../auth/standing");
  sessions: typeof import("../auth/sessions");
};

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  mod = {
    db: (await import("../db/client")).db,
    registration: await import("./registration"),
    invites: await import("./invites"),
    members: await import("./members"),
    settings: await import("./settings"),
    providers: await import("./provider-sign-in"),
    standing: await import("../auth/standing"),
    sessions: await import("../auth/sessions"),
  };
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});

let n = 0;
const email = () => `person${++n}@example.test`;
const account = (address: string, extra: Partial<import("./registration").NewAccount> = {}) => ({
  email: address,
  name: null,
  passwordHash: "hash",
  ...extra,
});
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => (error instanceof mod.registration.RegistrationRefused ? error.reason : error),
  );

let admin: { id: string };

describe("a team without accounts", () => {
  it("makes its first account only with the set-up link, whatever the sign-up mode", async () => {
    expect(await mod.settings.signUpMode()).toBe("setup");
    expect(await refusal(mod.registration.registerUser(account(email())))).toBe("setupRequired");
    expect(await refusal(mod.registration.checkRegistration({ email: email() }))).toBe("setupRequired");
    // Opening sign-up does not hand the team to whoever comes first, nor does a provider.
    await mod.settings.saveSignUpMode("open");
    expect(await refusal(mod.registration.registerUser(account(email())))).toBe("setupRequired");
    const profile = { provider: "oidc", providerAccountId: "sub-first", type: "oidc", name: null, emailVerified: true };
    expect(await mod.providers.providerSignIn({ ...profile, email: email(), inviteToken: null })).toEqual({
      ok: false,
      reason: "setupRequired",
    });
    expect(await mod.db.user.count()).toBe(0);
  });
});

describe("joining the team", () => {
  beforeAll(async () => {
    await mod.settings.saveSignUpMode("invite");
    admin = await mod.registration.registerUser(account("first@example.test", { setup: true }));
  });
  beforeEach(() => mod.settings.saveSignUpMode("open"));

  it("makes the set-up link's account the admin, later ones members while sign-up is open", async () => {
    expect(await mod.db.user.findUnique({ where: { id: admin.id } })).toMatchObject({ role: "admin" });
    expect(await mod.settings.signUpMode()).toBe("open");
    expect((await mod.registration.registerUser(account(email()))).role).toBe("member");
    // The set-up link counts only while the team has no account.
    expect((await mod.registration.registerUser(account(email(), { setup: true }))).role).toBe("member");
    await mod.settings.saveSignUpMode("invite");
    expect(await refusal(mod.registration.registerUser(account(email(), { setup: true })))).toBe("closed");
  });

  it("closes sign-up to anyone without an invite, and an invite opens it for one account with its role", async () => {
    await mod.settings.saveSignUpMode("invite");
    expect(await refusal(mod.registration.registerUser(account(email())))).toBe("closed");

    const { token } = await mod.invites.createInvite({ email: null, role: "admin", days: 7 }, admin.id);
    const joined = await mod.registration.registerUser(account(email(), { inviteToken: token }));
    expect(joined.role).toBe("admin");
    // Used: the same link cannot make a second account.
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: token })))).toBe(
      "inviteInvalid",
    );
    const [row] = await mod.invites.listInvites();
    expect(row).toMatchObject({ state: "used", usedBy: joined.email, createdBy: "first@example.test" });
  });

  it("gives one account per link when two people use it at the same moment", async () => {
    await mod.settings.saveSignUpMode("invite");
    const { token } = await mod.invites.createInvite({ email: null, role: "member", days: 1 }, admin.id);
    const results = await Promise.all(
      [email(), email(), email()].map((address) =>
        refusal(mod.registration.registerUser(account(address, { inviteToken: token }))),
      ),
    );
    expect(results.filter((r) => r === "accepted")).toHaveLength(1);
    expect(results.filter((r) => r === "inviteInvalid")).toHaveLength(2);
  });

  it("keeps a link for its address, refuses it after expiry or withdrawal, and never stores the token", async () => {
    await mod.settings.saveSignUpMode("invite");
    const invited = email();
    const forOne = await mod.invites.createInvite({ email: invited, role: "member", days: 1 }, admin.id);
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: forOne.token })))).toBe(
      "inviteEmail",
    );
    // A refused attempt (the address) does not use the link up.
    expect(await refusal(mod.registration.registerUser(account(invited, { inviteToken: forOne.token })))).toBe(
      "accepted",
    );

    const old = await mod.invites.createInvite(
      { email: null, role: "member", days: 1 },
      admin.id,
      new Date(Date.now() - 2 * 86_400_000),
    );
    expect(await mod.invites.openInvite(old.token)).toMatchObject({ state: "expired" });
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: old.token })))).toBe(
      "inviteInvalid",
    );

    const withdrawn = await mod.invites.createInvite({ email: null, role: "member", days: 7 }, admin.id);
    expect(await mod.invites.revokeInvite(withdrawn.invite.id)).toBe(true);
    expect(await mod.invites.openInvite(withdrawn.token)).toMatchObject({ state: "revoked" });
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: withdrawn.token })))).toBe(
      "inviteInvalid",
    );
    expect(await mod.invites.openInvite("x".repeat(43))).toBeNull();

    const stored = await mod.db.invite.findMany();
    for (const token of [forOne.token, old.token, withdrawn.token]) {
      expect(JSON.stringify(stored)).not.toContain(token);
    }
  });

  it("lets a link die with its maker's rights: a demoted or disabled admin's invites no longer work", async () => {
    await mod.settings.saveSignUpMode("invite");
    const first = await mod.invites.createInvite({ email: null, role: "admin", days: 7 }, admin.id);
    const maker = await mod.registration.registerUser(account(email(), { inviteToken: first.token }));
    const { token } = await mod.invites.createInvite({ email: null, role: "admin", days: 30 }, maker.id);
    expect(await mod.members.setRole(maker.id, "member")).toBeNull();
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: token })))).toBe(
      "inviteInvalid",
    );
    // Made an admin again, the link works again (it was never used).
    expect(await mod.members.setRole(maker.id, "admin")).toBeNull();
    expect(await refusal(mod.registration.registerUser(account(email(), { inviteToken: token })))).toBe("accepted");
    await mod.members.setRole(maker.id, "member");
  });

  it("does not let a dead link stop a sign-up that needs none while sign-up is open", async () => {
    const withdrawn = await mod.invites.createInvite({ email: null, role: "admin", days: 7 }, admin.id);
    await mod.invites.revokeInvite(withdrawn.invite.id);
    const user = await mod.registration.registerUser(account(email(), { inviteToken: withdrawn.token }));
    // A member: the withdrawn link's role does not count.
    expect(user.role).toBe("member");
  });

  it("gives the link back when the account cannot be made (the address is taken)", async () => {
    const { token } = await mod.invites.createInvite({ email: null, role: "member", days: 1 }, admin.id);
    expect(await refusal(mod.registration.registerUser(account("first@example.test", { inviteToken: token })))).toBe(
      "emailTaken",
    );
    expect(await mod.invites.openInvite(token)).toMatchObject({ state: "pending" });
  });
});

describe("provider accounts", () => {
  beforeEach(() => mod.settings.saveSignUpMode("open"));
  const profile = (over: Partial<import("./provider-sign-in").ProviderProfile>) => ({
    provider: "oidc",
    providerAccountId: `sub-${++n}`,
    type: "oidc",
    email: email(),
    name: "Pat",
    emailVerified: true,
    inviteToken: null,
    ...over,
  });

  it("creates an account on first sign-in and finds it by the provider's id after, whatever the email", async () => {
    const first = profile({});
    const created = await mod.providers.providerSignIn(first);
    expect(created).toMatchObject({ ok: true, user: { role: "member" } });
    const again = await mod.providers.providerSignIn({ ...first, email: "changed@example.test" });
    expect(again.ok && created.ok && again.user.id === created.user.id).toBe(true);
    const user = await mod.db.user.findUnique({ where: { email: first.email ?? "" } });
    expect(user?.passwordHash).toBeNull();
  });

  it("joins an existing account only when the provider vouches for the address and the account proved it too", async () => {
    const address = email();
    const created = await mod.providers.providerSignIn(profile({ email: address }));
    const github = profile({ provider: "github", email: address, emailVerified: false });
    expect(await mod.providers.providerSignIn(github)).toEqual({ ok: false, reason: "notLinked" });
    const joined = await mod.providers.providerSignIn(profile({ provider: "google", email: address.toUpperCase() }));
    expect(joined).toMatchObject({ ok: true, user: { id: created.ok ? created.user.id : "", email: address } });
  });

  it("never hands a password account to a provider's sign-in: someone may have signed up with the owner's address first", async () => {
    const address = email();
    await mod.registration.registerUser(account(address));
    expect(await mod.providers.providerSignIn(profile({ email: address, emailVerified: true }))).toEqual({
      ok: false,
      reason: "notLinked",
    });
  });

  it("refuses a disabled account, a profile without email, and a newcomer while sign-up is closed (unless invited)", async () => {
    const first = profile({});
    const created = await mod.providers.providerSignIn(first);
    if (!created.ok) throw new Error("not created");
    await mod.db.user.update({ where: { id: created.user.id }, data: { disabledAt: new Date() } });
    expect(await mod.providers.providerSignIn(first)).toEqual({ ok: false, reason: "disabled" });
    expect(await mod.providers.providerSignIn(profile({ email: null }))).toEqual({ ok: false, reason: "noEmail" });

    await mod.settings.saveSignUpMode("invite");
    expect(await mod.providers.providerSignIn(profile({}))).toEqual({ ok: false, reason: "closed" });
    const { token } = await mod.invites.createInvite({ email: null, role: "member", days: 1 }, admin.id);
    expect(await mod.providers.providerSignIn(profile({ inviteToken: token }))).toMatchObject({ ok: true });
  });
});

describe("managing members", () => {
  beforeEach(() => mod.settings.saveSignUpMode("open"));

  it("always keeps an active admin: the last one cannot be demoted or disabled, even by two at once", async () => {
    const other = await mod.registration.registerUser(account(email()));
    expect(await mod.members.setRole(other.id, "admin")).toBeNull();
    // Every other admin made so far steps down first, leaving `admin` and `other`.
    const admins = await mod.db.user.findMany({ where: { role: "admin", id: { notIn: [admin.id, other.id] } } });
    for (const a of admins) expect(await mod.members.setRole(a.id, "member")).toBeNull();

    const both = await Promise.all([mod.members.setRole(admin.id, "member"), mod.members.setRole(other.id, "member")]);
    expect(both.filter((r) => r === null)).toHaveLength(1);
    expect(both.filter((r) => r === "lastAdmin")).toHaveLength(1);
    const left = await mod.db.user.findMany({ where: { role: "admin", disabledAt: null } });
    expect(left).toHaveLength(1);
    const last = left[0]?.id ?? "";
    expect(await mod.members.setDisabled(last, true, "someone-else")).toBe("lastAdmin");
    expect(await mod.members.setDisabled(last, true, last)).toBe("self");
    expect(await mod.members.setRole("no-such-user", "member")).toBe("notFound");
    // Put things back for the other tests.
    await mod.members.setRole(admin.id, "admin");
  });

  it("disabling and signing out everywhere end the person's sessions; a new sign-in counts", async () => {
    const person = await mod.registration.registerUser(account(email()));
    const claim = (sessionId: string, signedInAt: number) => ({ userId: person.id, signedInAt, sessionId });
    const judge = async (sessionId: string, signedInAt: number) =>
      (await mod.standing.standingOf(claim(sessionId, signedInAt))).refused;
    const began = Date.now() - 1000;
    const [phone, laptop] = [await mod.sessions.startSession(person.id), await mod.sessions.startSession(person.id)];
    expect(await judge(phone, began)).toBeNull();
    expect(await judge(laptop, began)).toBeNull();

    expect(await mod.members.revokeSessions(person.id)).toBeNull();
    expect(await judge(phone, began)).toBe("revoked");
    expect(await judge(laptop, began)).toBe("revoked");
    const again = await mod.sessions.startSession(person.id);
    expect(await judge(again, Date.now() + 1)).toBeNull();

    expect(await mod.members.setDisabled(person.id, true, admin.id)).toBeNull();
    expect(await judge(again, Date.now() + 1)).toBe("disabled");
    expect(await mod.members.setDisabled(person.id, false, admin.id)).toBeNull();
    // Enabled again: the sessions from before do not come back; a new one counts.
    expect(await judge(again, Date.now() + 1)).toBe("ended");
    expect(await judge(await mod.sessions.startSession(person.id), Date.now() + 1)).toBeNull();
    expect(await mod.standing.standingOf(claim(again, 0))).toMatchObject({ refused: "revoked" });
    expect(await mod.standing.standingOf({ userId: "no-such-user", signedInAt: 0, sessionId: again })).toMatchObject({
      refused: "missing",
    });
  });

  it("keeps an admin's sessions when disabling them is refused (the last admin)", async () => {
    const admins = await mod.db.user.findMany({ where: { role: "admin", disabledAt: null } });
    for (const a of admins.filter((a) => a.id !== admin.id)) await mod.members.setRole(a.id, "member");
    const session = await mod.sessions.startSession(admin.id);
    expect(await mod.members.setDisabled(admin.id, true, "someone-else")).toBe("lastAdmin");
    expect(
      (await mod.standing.standingOf({ userId: admin.id, signedInAt: Date.now() + 1, sessionId: session })).refused,
    ).toBeNull();
  });

  it("reads the role from the row, so a demotion counts at once", async () => {
    const person = await mod.registration.registerUser(account(email()));
    const sessionId = await mod.sessions.startSession(person.id);
    const role = async () =>
      (await mod.standing.standingOf({ userId: person.id, signedInAt: Date.now(), sessionId })).role;
    await mod.members.setRole(person.id, "admin");
    expect(await role()).toBe("admin");
    await mod.members.setRole(person.id, "member");
    expect(await role()).toBe("member");
  });
});
