import { describe, expect, it } from "vitest";
import { mapDashScopeNativeFinishReason } from "./map-dashscope-native-finish-reason";

describe("mapDashScopeNativeFinishReason", () => {
  it("reads DashScope's finish reasons, keeping its word", () => {
    const read = (raw: string | null) => mapDashScopeNativeFinishReason(raw);
    expect(read("stop")).toEqual({ unified: "stop", raw: "stop" });
    expect(read("length")).toEqual({ unified: "length", raw: "length" });
    expect(read("tool_calls")).toEqual({ unified: "tool-calls", raw: "tool_calls" });
    expect(read("content_filter")).toEqual({ unified: "content-filter", raw: "content_filter" });
    expect(read("null")).toEqual({ unified: "other", raw: "null" });
    expect(read(null)).toEqual({ unified: "other", raw: undefined });
  });
});
