import compile from "icu-minify/compile";
import { describe, expect, it } from "vitest";
import { LOCALES } from "../shared/locales";
import { sourceMessages } from "./messages";

// Every language has every English message, with the same arguments, and each one compiles.

function leaves(tree: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === "string") return out.set(path, tree);
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    for (const [p, v] of leaves(value, path ? `${path}.${key}` : key)) out.set(p, v);
  }
  return out;
}

/** The ICU arguments a message uses ({name}, {count, plural, …}, <tag>). */
function argumentsOf(message: string): string[] {
  const names = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1]);
  const tags = [...message.matchAll(/<([A-Za-z_][\w]*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

describe("interface messages", () => {
  const english = leaves(sourceMessages.en);
  it("has English messages", () => {
    expect(english.size).toBeGreaterThan(0);
  });
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has every message, with the same arguments`, () => {
      const translated = leaves(sourceMessages[locale]);
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, message] of english) {
        expect(argumentsOf(translated.get(key) ?? ""), key).toEqual(argumentsOf(message));
      }
    });
  }
  it("compiles every message", () => {
    for (const locale of LOCALES) {
      for (const [key, message] of leaves(sourceMessages[locale])) {
        expect(() => compile(message), `${locale} ${key}`).not.toThrow();
      }
    }
  });
});

describe("compiled messages", () => {
  it("are plain data that a server component can pass to the browser", async () => {
    const { messagesFor } = await import("./messages");
    const isPlain = (value: unknown): boolean =>
      value === null ||
      typeof value !== "object" ||
      (Array.isArray(value)
        ? value.every(isPlain)
        : Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every(isPlain));
    for (const locale of LOCALES) expect(isPlain(messagesFor(locale)), locale).toBe(true);
  });
});
