import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createResumableStreamContext } from "resumable-stream/generic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type TestRedis } from "@/test/redis-server";
import type { LiveBus } from "./bus";
import { memoryBus } from "./memory-bus";
import { redisBus } from "./redis-bus";

// The live bus's behaviour, one table that both kinds must pass: memory (the embedded default,
// one server) and Redis (REDIS_URL, several instances), the latter against a real redis-server
// (Debian's package; without it these tests fail, they do not skip). Each test looks at the bus
// from two instances: for memory they share the process's one bus, for Redis each has its own
// connections, as two servers would.

interface Deployment {
  kind: LiveBus["kind"];
  /** The bus as one more instance sees it. */
  instance(): LiveBus;
  /** Lets go of every bus it opened. */
  close(): Promise<void>;
}

let redis: TestRedis | undefined;
beforeAll(async () => {
  redis = await startRedis();
}, 15_000);
afterAll(() => redis?.stop());

function memoryDeployment(): Deployment {
  let bus: LiveBus | undefined;
  return {
    kind: "memory",
    instance() {
      bus ??= memoryBus();
      return bus;
    },
    async close() {
      await bus?.close();
    },
  };
}

function redisDeployment(): Deployment {
  const opened: LiveBus[] = [];
  return {
    kind: "redis",
    instance() {
      if (!redis) throw new Error("redis-server did not start");
      const bus = redisBus(redis.url);
      opened.push(bus);
      return bus;
    },
    async close() {
      await Promise.all(opened.map((bus) => bus.close()));
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(10);
  }
}

/** Reads a stream of text to its end in the background; `text()` is what arrived so far. */
function collect(stream: ReadableStream<string>) {
  let text = "";
  const reader = stream.getReader();
  const done = (async () => {
    for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
  })();
  return { text: () => text, done };
}

describe.each([memoryDeployment(), redisDeployment()])("the $kind bus", (deployment) => {
  afterAll(() => deployment.close());
  const name = (what: string) => `test:${what}:${randomUUID()}`;

  it("is the kind README names", () => {
    expect(deployment.instance().kind).toBe(deployment.kind);
  });

  it("delivers a message published on one instance to every listener of its channel on another, in order, until each leaves", async () => {
    const [a, b] = [deployment.instance(), deployment.instance()];
    const channel = name("channel");
    const first: string[] = [];
    const second: string[] = [];
    const elsewhere: string[] = [];
    const leaveFirst = await b.subscribe(channel, (m) => first.push(m));
    const leaveSecond = await b.subscribe(channel, (m) => second.push(m));
    await b.subscribe(name("other"), (m) => elsewhere.push(m));
    for (const m of ["1", "2", "3"]) await a.publish(channel, m);
    await until(() => first.length === 3 && second.length === 3);
    expect(first).toEqual(["1", "2", "3"]);
    expect(second).toEqual(["1", "2", "3"]);

    await leaveFirst();
    await a.publish(channel, "4");
    await until(() => second.length === 4);
    expect(first).toEqual(["1", "2", "3"]);

    await leaveSecond();
    await a.publish(channel, "5");
    await sleep(100);
    expect(second).toEqual(["1", "2", "3", "4"]);
    expect(elsewhere).toEqual([]);
  });

  it("keeps a key set on one instance readable on another until its time to live passes or it is deleted", async () => {
    const [a, b] = [deployment.instance(), deployment.instance()];
    const short = name("short");
    const long = name("long");
    await a.set(short, "alive", 300);
    await a.set(long, "alive", 60_000);
    expect(await b.get(short)).toBe("alive");
    expect(await b.get(name("never-set"))).toBeNull();
    await sleep(450);
    expect(await b.get(short)).toBeNull();
    expect(await b.get(long)).toBe("alive");
    await b.del(long);
    expect(await a.get(long)).toBeNull();
  });

  it("counts up and down from any instance; resumable-stream's count refuses a key that holds text", async () => {
    const [a, b] = [deployment.instance(), deployment.instance()];
    const counter = name("counter");
    expect(await a.incr(counter)).toBe(1);
    expect(await b.incr(counter)).toBe(2);
    expect(await a.decr(counter)).toBe(1);
    expect(await b.get(counter)).toBe("1");
    // resumable-stream counts on a stream's key and reads this refusal as "the stream is done".
    const text = name("text");
    await a.publisher.set(text, "DONE", { EX: 60 });
    await expect(b.publisher.incr(text)).rejects.toThrow("ERR value is not an integer or out of range");
  });

  it("admits at most `most` claims on a key from all instances; a member claims again freely, and one that left or expired frees its place", async () => {
    const [a, b] = [deployment.instance(), deployment.instance()];
    const key = name("running");
    expect(await a.claim(key, "x", 2, 60_000)).toBe(true);
    expect(await b.claim(key, "y", 2, 60_000)).toBe(true);
    expect(await a.claim(key, "z", 2, 60_000)).toBe(false);
    // Already in: renewed, not refused.
    expect(await b.claim(key, "x", 2, 60_000)).toBe(true);
    await b.unclaim(key, "x");
    expect(await a.claim(key, "z", 2, 60_000)).toBe(true);
    expect(await b.claim(key, "x", 2, 60_000)).toBe(false);

    const short = name("lease");
    expect(await a.claim(short, "old", 1, 250)).toBe(true);
    expect(await b.claim(short, "new", 1, 60_000)).toBe(false);
    await sleep(400);
    expect(await b.claim(short, "new", 1, 60_000)).toBe(true);
  });

  it("admits exactly `most` of many claims made at once from several instances", async () => {
    const instances = [deployment.instance(), deployment.instance(), deployment.instance()];
    const key = name("parallel");
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => instances[i % instances.length].claim(key, `member-${i}`, 3, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    // The three that got in hold the places: nobody else does until one leaves.
    const admitted = results.flatMap((ok, i) => (ok ? [`member-${i}`] : []));
    expect(await instances[0].claim(key, "late", 3, 60_000)).toBe(false);
    await instances[1].unclaim(key, admitted[0]);
    expect(await instances[2].claim(key, "late", 3, 60_000)).toBe(true);
  });

  it("lets resumable-stream on another instance follow a stream from its start, then live to its end", async () => {
    const [a, b] = [deployment.instance(), deployment.instance()];
    const keyPrefix = name("streams");
    const context = (bus: LiveBus) =>
      createResumableStreamContext({
        keyPrefix,
        waitUntil: null,
        publisher: bus.publisher,
        subscriber: bus.subscriber,
      });
    const [runs, follows] = [context(a), context(b)];
    const streamId = randomUUID();
    expect(await follows.resumeExistingStream(streamId)).toBeUndefined();

    let source!: ReadableStreamDefaultController<string>;
    const own = await runs.createNewResumableStream(
      streamId,
      () =>
        new ReadableStream<string>({
          start(controller) {
            source = controller;
          },
        }),
    );
    if (!own) throw new Error("no stream");
    const viewer = collect(own);
    source.enqueue("data: one\n\n");
    source.enqueue("data: two\n\n");
    await until(() => viewer.text().includes("two"));

    // Joins after two chunks: gets them first, then what follows.
    const resumed = await follows.resumeExistingStream(streamId);
    if (!resumed) throw new Error("the stream was not found from the other instance");
    const follower = collect(resumed);
    await until(() => follower.text() === "data: one\n\ndata: two\n\n");
    source.enqueue("data: three\n\n");
    await until(() => follower.text().includes("three"));
    source.close();
    await Promise.all([viewer.done, follower.done]);
    expect(follower.text()).toBe("data: one\n\ndata: two\n\ndata: three\n\n");
    expect(viewer.text()).toBe(follower.text());
    // Once done, nobody follows it any more (the saved answer is read instead).
    expect(await follows.resumeExistingStream(streamId)).toBeNull();
  });
});

describe("the Redis bus", () => {
  it("lets no counter stay in Redis for ever (there is one per answer)", async () => {
    if (!redis) throw new Error("redis-server did not start");
    const bus = redisBus(redis.url);
    const raw = new Redis(redis.url);
    try {
      const counter = `test:counter:${randomUUID()}`;
      await bus.incr(counter);
      await bus.decr(counter);
      expect(await raw.pttl(counter)).toBeGreaterThan(0);
    } finally {
      await bus.close();
      raw.disconnect();
    }
  });
});
