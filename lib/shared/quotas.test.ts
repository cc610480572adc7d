import { describe, expect, it } from "vitest";
import { DEFAULT_QUOTAS, fullestShare, megabytes, quotaPassed, quotasOf } from "./quotas";

const use = { bytes: 900, conversations: 9, shares: 0, presets: 2 };
const quotas = { bytes: 1_000, conversations: 10, shares: 5, presets: 3 };

describe("quotas", () => {
  it("uses the team's figures where set, the defaults elsewhere", () => {
    expect(quotasOf(null)).toEqual(DEFAULT_QUOTAS);
    expect(
      quotasOf({ userBytes: BigInt(5_000_000), userConversations: null, userShares: 7, userPresets: null }),
    ).toEqual({ ...DEFAULT_QUOTAS, bytes: 5_000_000, shares: 7 });
  });

  it("refuses a write that would take a quota past its limit, and names it with the figures", () => {
    expect(quotaPassed(use, quotas, { bytes: 100, conversations: 1 })).toBeNull();
    expect(quotaPassed(use, quotas, { bytes: 101 })).toEqual({ quota: "bytes", used: 900, limit: 1_000, need: 101 });
    expect(quotaPassed({ ...use, conversations: 10 }, quotas, { bytes: 1, conversations: 1 })).toMatchObject({
      quota: "conversations",
      used: 10,
      limit: 10,
    });
    expect(quotaPassed(use, quotas, { presets: 1 })).toBeNull();
    expect(quotaPassed({ ...use, presets: 3 }, quotas, { presets: 1 })?.quota).toBe("presets");
    // Only the quotas a write adds to are checked.
    expect(quotaPassed({ ...use, presets: 3 }, quotas, { shares: 1 })).toBeNull();
  });

  it("refuses anything more once a limit is reached, even a write of no new bytes", () => {
    expect(quotaPassed({ ...use, bytes: 999 }, quotas, { bytes: 0 })).toBeNull();
    expect(quotaPassed({ ...use, bytes: 1_000 }, quotas, { bytes: 0 })?.quota).toBe("bytes");
    // An answer saved past the limit (answers are never refused) leaves the user over it.
    expect(quotaPassed({ ...use, bytes: 1_200 }, quotas, { bytes: 0 })?.quota).toBe("bytes");
  });

  it("says how full the fullest quota is, and shows bytes as megabytes", () => {
    expect(fullestShare(use, quotas)).toBe(0.9);
    expect(fullestShare({ bytes: 0, conversations: 0, shares: 0, presets: 0 }, quotas)).toBe(0);
    expect(megabytes(1_000_000_000)).toBe(1000);
    expect(megabytes(1_234_567)).toBe(1.2);
  });
});
