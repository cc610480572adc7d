import { describe, expect, it } from "vitest";
import { HOSTILE_INPUT_MS } from "@/test/timing";
import { highlight } from "./highlight";

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe("highlight", () => {
  it("colours code in a known language, and leaves others alone", async () => {
    const lines = await highlight("const tide = 1;", "js");
    expect(lines?.[0].map((t) => t.content).join("")).toBe("const tide = 1;");
    const colours = lines?.[0].map((t) => (t.htmlStyle as Record<string, string> | undefined)?.["--shiki-dark"]);
    expect(new Set(colours).size).toBeGreaterThan(1);
    expect(await highlight("x", "brainfuck")).toBeNull();
  });

  it("leaves long lines and large blocks uncoloured, quickly (one line of 20,000 took 38 s)", async () => {
    await highlight("warm = 1", "javascript");
    const line = await timed(() => highlight(`${"a".repeat(19_000)}\nconst b = 2;`, "javascript"));
    expect(line.ms).toBeLessThan(HOSTILE_INPUT_MS);
    expect(line.value?.[0]).toHaveLength(1);
    expect(line.value?.[1].length).toBeGreaterThan(1);
    const block = await timed(() => highlight("a".repeat(1_000_000), "javascript"));
    expect(block).toMatchObject({ value: null });
    expect(block.ms).toBeLessThan(HOSTILE_INPUT_MS);
  });

  it("colours a block of the longest lines it tokenizes in bounded time", async () => {
    await highlight("warm = 1", "markdown");
    const { ms } = await timed(() => highlight(`${"*a **a ".repeat(57)}\n`.repeat(50), "markdown"));
    expect(ms).toBeLessThan(4 * HOSTILE_INPUT_MS);
  });
});
