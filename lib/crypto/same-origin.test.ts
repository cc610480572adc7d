import { describe, expect, it } from "vitest";
import { sameOrigin } from "./same-origin";

describe("sameOrigin", () => {
  it("keeps a key on another path of the same scheme, host and port", () => {
    expect(sameOrigin("https://api.example.com/v1", "https://api.example.com/v2/chat")).toBe(true);
    expect(sameOrigin("https://API.example.com:443/v1", "https://api.example.com/v1")).toBe(true);
  });

  it("asks for it again on another scheme, host or port", () => {
    expect(sameOrigin("https://api.example.com/v1", "http://api.example.com/v1")).toBe(false);
    expect(sameOrigin("https://api.example.com/v1", "https://api.example.com:8443/v1")).toBe(false);
    expect(sameOrigin("http://10.0.0.5:8000/v1", "http://10.0.0.5:8001/v1")).toBe(false);
    expect(sameOrigin("https://api.example.com/v1", "https://api.example.com.evil.test/v1")).toBe(false);
  });
});
