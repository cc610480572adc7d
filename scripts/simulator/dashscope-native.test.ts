import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "../../test/simulator";

// The simulator must speak DashScope's native protocol exactly: these tests read its raw bytes.

let sim: Awaited<ReturnType<typeof startSimulator>>;
let url: string;
beforeAll(async () => {
  sim = await startSimulator();
  url = sim.baseURL.replace("/compatible-mode/v1", "/api/v1/services/aigc/text-generation/generation");
});
afterAll(() => sim.close());

const body = (parameters: object) => ({
  model: "glm-5",
  input: { messages: [{ role: "user", content: "Who are you?" }] },
  parameters: { result_format: "message", ...parameters },
});

describe("DashScope native stream", () => {
  it('sends four-line events, cumulative usage, finish_reason "null" until the last, and no [DONE]', async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sim.apiKey}`,
        "x-dashscope-sse": "enable",
        "content-type": "application/json",
      },
      body: JSON.stringify(body({ incremental_output: true, enable_thinking: true })),
    });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const raw = await res.text();
    expect(raw).not.toContain("[DONE]");
    const events = raw.split("\n\n").filter(Boolean);
    const data = events.map((e, i) => {
      const lines = e.split("\n");
      expect(lines).toHaveLength(4);
      expect(lines[0]).toBe(`id:${i + 1}`);
      expect(lines[1]).toBe("event:result");
      expect(lines[2]).toBe(":HTTP_STATUS/200");
      expect(lines[3].startsWith("data:{")).toBe(true);
      return JSON.parse(lines[3].slice(5));
    });
    const finishes = data.map((d) => d.output.choices[0].finish_reason);
    expect(finishes.slice(0, -1).every((f) => f === "null")).toBe(true);
    expect(finishes.at(-1)).toBe("stop");
    const outputs = data.map((d) => d.usage.output_tokens);
    expect(outputs).toEqual(outputs.map((_, i) => i + 1));
    expect(data[0].output.choices[0].message.reasoning_content.length).toBeGreaterThan(0);
    expect(data.at(-1).usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect(typeof data[0].request_id).toBe("string");
  });

  it("sends the whole text so far in each event without incremental_output", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}`, "x-dashscope-sse": "enable" },
      body: JSON.stringify(body({ enable_thinking: false })),
    });
    const contents = (await res.text())
      .split("\n\n")
      .filter(Boolean)
      .map((e) => JSON.parse(e.split("\n")[3].slice(5)).output.choices[0].message.content as string);
    for (let i = 1; i < contents.length; i++) expect(contents[i].startsWith(contents[i - 1])).toBe(true);
  });

  it("answers errors with {code, message, request_id} and the HTTP status", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: "Bearer nope" },
      body: JSON.stringify(body({})),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "InvalidApiKey", message: "Invalid API-key provided." });
  });

  it("ends a broken stream with an error event", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.apiKey}`, "x-dashscope-sse": "enable" },
      body: JSON.stringify({
        model: "glm-5",
        input: { messages: [{ role: "user", content: "go [[sim:drop:2]]" }] },
        parameters: { incremental_output: true, enable_thinking: false },
      }),
    });
    const last = (await res.text()).split("\n\n").filter(Boolean).at(-1)?.split("\n");
    expect(last?.[1]).toBe("event:error");
    expect(last?.[2]).toBe(":HTTP_STATUS/500");
    expect(JSON.parse(last?.[3].slice(5) ?? "{}")).toMatchObject({ code: "InternalError" });
  });
});
