import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { LiveAnswer } from "../chat/queries/live-answers";
import { isDead } from "./recovery";

// When an answer being written counts as dead on the embedded live bus (one process): a server
// killed and started again at once must not wait for the next sweep, a minute later, to settle
// what the one before it left.

function answer(startedAt: number, renewedAt?: number): LiveAnswer {
  return {
    id: randomUUID(),
    conversationId: randomUUID(),
    live: { streamId: randomUUID(), reservations: [], userId: "u", platform: "p", model: "m", startedAt, renewedAt },
  };
}

describe("a live answer on the memory bus", () => {
  it("is dead when it began moments before this process started (its server was restarted at once)", async () => {
    const startedAt = performance.timeOrigin - 1_000;
    expect(await isDead(answer(startedAt), startedAt + 2_000)).toBe(true);
  });

  it("is given a few seconds to register when this process may be starting it", async () => {
    const startedAt = Date.now();
    expect(await isDead(answer(startedAt), startedAt + 1_000)).toBe(false);
    // Never registered: dead once the grace is over.
    expect(await isDead(answer(startedAt), startedAt + 6_000)).toBe(true);
  });

  it("is dead when its heartbeat stopped, whenever it began", async () => {
    const startedAt = Date.now();
    expect(await isDead(answer(startedAt, startedAt), startedAt + 16_000)).toBe(true);
  });
});
