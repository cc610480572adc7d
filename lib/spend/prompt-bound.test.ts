import { jsonSchema, tool } from "ai";
import { beforeAll, describe, expect, it } from "vitest";
import { messagesBound, promptText, toolsBound } from "./prompt-bound";
import { countTokens, loadTokenizer, roughTokens } from "./tokens";

beforeAll(() => loadTokenizer());

const user = (text: string) => ({ parts: [{ type: "text", text }] });

const SCRIPTS = {
  cyrillic: "Съешь же ещё этих мягких французских булок, да выпей чаю. ".repeat(40),
  thai: "ภาษาไทยเป็นภาษาที่มีวรรณยุกต์และไม่มีการเว้นวรรคระหว่างคำ ".repeat(40),
  emoji: "🙂🚀👩‍👩‍👧‍👦🇨🇳🧪✨🐉 ".repeat(60),
  chinese: "智谱的模型在中文场景下表现出色，支持思考与工具调用。".repeat(40),
  code: "for (let i = 0; i < n; i++) { sum += a[i] * b[i]; }\n".repeat(40),
};

describe("the prompt bound", () => {
  it("is never below the tokenizer's count, in any script (the old estimate was, for Thai and emoji)", () => {
    for (const [script, text] of Object.entries(SCRIPTS)) {
      const tokens = countTokens(text);
      expect(messagesBound("", [user(text)]), script).toBeGreaterThanOrEqual(tokens);
      // What reservations used before: characters ÷ 3 (CJK one per character).
      if (script === "thai" || script === "emoji") expect(roughTokens(text), script).toBeLessThan(tokens);
    }
  });

  it("counts what is re-sent besides text: earlier thinking, tool calls and their results", () => {
    const answer = {
      parts: [
        { type: "step-start" },
        { type: "reasoning", text: "Проверю время. ".repeat(50) },
        {
          type: "tool-current_time",
          toolCallId: "call_1",
          state: "output-available",
          input: { timezone: "Asia/Bangkok" },
          output: { local: "วันพุธที่ 2 ธันวาคม 2569 ".repeat(30) },
        },
        { type: "data-tool-duration", id: "call_1", data: { ms: 3 } },
        { type: "text", text: "It is noon." },
      ],
    };
    const bound = messagesBound("Be brief.", [user("What time is it?"), answer]);
    const sent = [
      "Be brief.",
      "What time is it?",
      answer.parts[1].text,
      JSON.stringify(answer.parts[2].input),
      JSON.stringify(answer.parts[2].output),
      "It is noon.",
    ];
    expect(bound).toBeGreaterThanOrEqual(countTokens(sent.join("")) + 3 * 8);
    expect(bound).toBeGreaterThanOrEqual(Buffer.byteLength(sent.join("")));
    // The interface's own parts are not sent, and not counted.
    const withoutNotes = messagesBound("Be brief.", [
      user("What time is it?"),
      { parts: answer.parts.filter((p) => !p.type.startsWith("data-")) },
    ]);
    expect(withoutNotes).toBe(bound);
  });

  it("counts tool definitions, MCP schemas included, as the template prints them", async () => {
    const tools = {
      lookup: tool({
        description: "Look a word up in the team's glossary — словарь, 词汇表.",
        inputSchema: jsonSchema<{ word: string }>({
          type: "object",
          properties: { word: { type: "string", description: "Слово или 词" } },
          required: ["word"],
        }),
      }),
    };
    const bound = await toolsBound(tools);
    const text = await promptText("", [], tools);
    expect(text).toContain("словарь");
    expect(bound).toBeGreaterThanOrEqual(Buffer.byteLength(text));
    expect(bound).toBeGreaterThanOrEqual(countTokens(text));
    expect(await toolsBound({})).toBe(0);
  });

  it("takes milliseconds over a 2,000-message history", () => {
    const history = Array.from({ length: 2_000 }, (_, i) =>
      i % 2 === 0
        ? user(`Question ${i}: ${SCRIPTS.cyrillic.slice(0, 400)}`)
        : {
            parts: [
              { type: "step-start" },
              { type: "reasoning", text: SCRIPTS.chinese.slice(0, 300) },
              { type: "text", text: SCRIPTS.code.slice(0, 800) },
            ],
          },
    );
    messagesBound("", history); // warm up
    const started = performance.now();
    const bound = messagesBound("system", history);
    const ms = performance.now() - started;
    expect(bound).toBeGreaterThan(1_000_000);
    expect(ms).toBeLessThan(50);
  });
});
