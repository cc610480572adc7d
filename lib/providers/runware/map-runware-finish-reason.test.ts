import { describe, expect, it } from "vitest";
import { mapRunwareFinishReason } from "./map-runware-finish-reason";

describe("mapRunwareFinishReason", () => {
  it("reads both spellings of a tool call and a filtered answer, keeping the platform's word", () => {
    const read = (raw: string | null) => mapRunwareFinishReason(raw);
    expect(read("stop")).toEqual({ unified: "stop", raw: "stop" });
    expect(read("length")).toEqual({ unified: "length", raw: "length" });
    for (const raw of ["tool_calls", "toolCalls", "tool_use"])
      expect(read(raw)).toEqual({ unified: "tool-calls", raw });
    for (const raw of ["content_filter", "contentFilter"])
      expect(read(raw)).toEqual({ unified: "content-filter", raw });
    expect(read("somethingNew")).toEqual({ unified: "other", raw: "somethingNew" });
    expect(read(null)).toEqual({ unified: "other", raw: undefined });
  });
});
