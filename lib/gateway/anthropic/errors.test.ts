import { describe, expect, it, vi } from "vitest";
import { AppError } from "../../errors";
import { badRequest, GatewayError, keyRefused } from "../errors";
import { anthropicError, anthropicErrorResponse } from "./errors";

// Our errors in Anthropic's shape: `{ type: "error", error: { type, message } }` and the status.

describe("anthropicError", () => {
  it("words the gateway's refusals with Anthropic's error types", () => {
    expect(anthropicError(badRequest("messages: bad", "messages"))).toEqual({
      status: 400,
      body: { type: "error", error: { type: "invalid_request_error", message: "messages: bad" } },
      retryAfterSeconds: undefined,
    });
    expect(anthropicError(new GatewayError("model_not_found", "no such model", "model")).body.error.type).toBe(
      "not_found_error",
    );
    expect(anthropicError(keyRefused({ code: "invalid_api_key", message: "bad key" }))).toMatchObject({
      status: 401,
      body: { error: { type: "authentication_error" } },
    });
    expect(anthropicError(keyRefused({ code: "api_access_disabled", message: "off" }))).toMatchObject({
      status: 403,
      body: { error: { type: "permission_error" } },
    });
  });

  it("answers a spent budget and a rate limit with 429 rate_limit_error and Retry-After", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const budget = new AppError("budget_exceeded", "Budget used up", {
      details: { resetsAt: new Date("2026-01-01T01:00:00Z") },
    });
    expect(anthropicError(budget, now)).toMatchObject({
      status: 429,
      body: { type: "error", error: { type: "rate_limit_error" } },
      retryAfterSeconds: 3600,
    });
    const res = anthropicErrorResponse(
      new AppError("rate_limited", "Slow down", { details: { retryAfterSeconds: 7 } }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "rate_limit_error" } });
  });

  it("says overloaded_error for an unavailable platform, api_error for the unexpected", () => {
    expect(anthropicError(new AppError("upstream_unavailable", "down")).body.error.type).toBe("overloaded_error");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(anthropicError(new Error("boom"))).toMatchObject({
      status: 500,
      body: { error: { type: "api_error", message: "The server failed to handle the request." } },
    });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
