import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { mcpServerInputSchema, modelToolName } from "./server-schema";

describe("modelToolName", () => {
  it("prefixes the tool with its server, within what platforms accept", () => {
    expect(modelToolName("Docs", "search")).toBe("docs__search");
    expect(modelToolName("Team wiki (prod)", "get.page")).toBe("team_wiki_prod__get_page");
    const long = modelToolName("a".repeat(80), "b".repeat(80));
    expect(long).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("trims a long run of separators in linear time (a server's name is the admin's, or its own)", () => {
    const name = `a${"_".repeat(100_000)}b`;
    expect(elapsedMs(() => modelToolName(name, name))).toBeLessThan(HOSTILE_INPUT_MS);
    expect(modelToolName("__Docs__", "__search__")).toBe("docs__search");
  });
});

describe("mcpServerInputSchema", () => {
  it("needs an http(s) URL and a name with a letter or digit", () => {
    expect(mcpServerInputSchema.safeParse({ name: "Docs", url: "https://mcp.example/mcp" }).success).toBe(true);
    expect(mcpServerInputSchema.safeParse({ name: "Docs", url: "file:///etc/passwd" }).success).toBe(false);
    expect(mcpServerInputSchema.safeParse({ name: "---", url: "https://mcp.example/mcp" }).success).toBe(false);
  });
});
