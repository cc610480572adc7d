import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/test-db";

// A password sign-up against a real database: every refusal the team's rules or the throttle
// can give comes before the password is hashed. The hash is stood in for by a counter (bcrypt
// itself is tested in lib/auth/password.test.ts).

const hashPassword = vi.hoisted(() => vi.fn(async (password: string) => `hashed:${password}`));
vi.mock("../auth/password", () => ({ hashPassword }));

const SECRET = "sign-up-test-secret-0123456789abcdef0123456789";
let dbHandle: Awaited<ReturnType<typeof createTestDatabase>>;
let signUp: typeof import("./sign-up");
let registration: typeof import("./registration");
let settings: typeof import("./settings");
let invites: typeof import("./invites");
let setupToken: string;

beforeAll(async () => {
  dbHandle = await createTestDatabase();
  vi.stubEnv("DATABASE_URL", dbHandle.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  signUp = await import("./sign-up");
  registration = await import("./registration");
  settings = await import("./settings");
  invites = await import("./invites");
  setupToken = (await import("./setup-token")).setupToken() ?? "";
});
afterAll(() => {
  dbHandle?.cleanup();
  vi.unstubAllEnvs();
});
beforeEach(() => hashPassword.mockClear());

let n = 0;
const email = () => `signer${++n}@example.test`;
const attempt = (over: Partial<import("./sign-up").PasswordSignUp> = {}) =>
  signUp
    .signUpWithPassword({
      email: email(),
      name: null,
      password: "correct horse battery",
      linkToken: null,
      address: null,
      ...over,
    })
    .then(
      (user) => user.role,
      (error: unknown) =>
        error instanceof registration.RegistrationRefused
          ? error.reason
          : error instanceof signUp.SignUpThrottled
            ? "throttled"
            : error,
    );

describe("password sign-up", () => {
  it("refuses a team's first account without the set-up link before hashing, and makes the admin with it", async () => {
    expect(await attempt()).toBe("setupRequired");
    expect(await attempt({ linkToken: "x".repeat(43) })).toBe("setupRequired");
    expect(await attempt({ linkToken: setupToken.slice(0, 42) })).toBe("setupRequired");
    expect(hashPassword).not.toHaveBeenCalled();

    expect(await attempt({ linkToken: setupToken })).toBe("admin");
    expect(hashPassword).toHaveBeenCalledTimes(1);
  });

  it("refuses a closed sign-up, a dead invite and a taken address before hashing", async () => {
    // A new team's sign-up is by invite.
    expect(await settings.signUpMode()).toBe("invite");
    expect(await attempt()).toBe("closed");
    expect(await attempt({ linkToken: setupToken })).toBe("closed");
    expect(await attempt({ linkToken: "y".repeat(43) })).toBe("inviteInvalid");
    const admin = await registration.checkRegistration({ email: "x@example.test" }).catch((e) => e.reason);
    expect(admin).toBe("closed");

    const [first] = await (await import("../db/client")).db.user.findMany({ take: 1 });
    const forOne = await invites.createInvite({ email: "invited@example.test", role: "member", days: 1 }, first.id);
    expect(await attempt({ linkToken: forOne.token })).toBe("inviteEmail");
    expect(await attempt({ email: first.email, linkToken: forOne.token })).toBe("inviteEmail");

    await settings.saveSignUpMode("open");
    expect(await attempt({ email: first.email })).toBe("emailTaken");
    expect(hashPassword).not.toHaveBeenCalled();

    expect(await attempt({ email: "invited@example.test", linkToken: forOne.token })).toBe("member");
    expect(hashPassword).toHaveBeenCalledTimes(1);
  });

  it("is throttled per address before hashing", async () => {
    await settings.saveSignUpMode("open");
    const { SIGN_UP_THROTTLE } = await import("../auth/throttle");
    for (let i = 0; i < SIGN_UP_THROTTLE.perAddress; i++) {
      expect(await attempt({ address: "203.0.113.9" })).toBe("member");
    }
    hashPassword.mockClear();
    expect(await attempt({ address: "203.0.113.9" })).toBe("throttled");
    expect(hashPassword).not.toHaveBeenCalled();
    expect(await attempt({ address: "203.0.113.10" })).toBe("member");
  });
});
