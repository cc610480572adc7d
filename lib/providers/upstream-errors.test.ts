import { APICallError } from "ai";
import { describe, expect, it } from "vitest";
import { elapsedMs, HOSTILE_INPUT_MS } from "@/test/timing";
import { PLATFORMS, type PlatformId } from "../shared/platforms";
import { upstreamError } from "./upstream-errors";

const apiError = (statusCode: number | undefined, body: unknown) =>
  new APICallError({
    message: "upstream failed",
    url: "https://upstream.example/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody: typeof body === "string" ? body : JSON.stringify(body),
  });

const classify = (platform: PlatformId, status: number | undefined, body: unknown) =>
  upstreamError(apiError(status, body), PLATFORMS[platform]);

describe("upstreamError", () => {
  it.each([
    // BigModel's numeric codes: the same HTTP 429 means different things.
    ["bigmodel", 429, { error: { code: "1113", message: "余额不足" } }, "upstream_balance", "run out of balance"],
    ["bigmodel", 429, { error: { code: "1302", message: "并发数过高" } }, "upstream_rate_limited", "rate-limiting"],
    ["bigmodel", 429, { error: { code: "1310", message: "套餐额度" } }, "upstream_quota", "quota is used up"],
    ["bigmodel", 400, { error: { code: "1261", message: "Prompt 超长" } }, "upstream_prompt_too_long", "too long"],
    ["bigmodel", 400, { error: { code: "1301", message: "不安全" } }, "upstream_content_filter", "content rules"],
    // A prompt over the window, as each platform refuses it.
    [
      "dashscope",
      400,
      {
        error: {
          code: "invalid_parameter_error",
          message: "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 202752]",
        },
      },
      "upstream_prompt_too_long",
      "too long",
    ],
    [
      "dashscope-native",
      400,
      { code: "InvalidParameter", message: "Range of input length should be [1, 202752]" },
      "upstream_prompt_too_long",
      "too long",
    ],
    [
      "openai-compatible",
      400,
      {
        object: "error",
        message: "This model's maximum context length is 200000 tokens. However, your request has 210000 input tokens.",
        code: 400,
      },
      "upstream_prompt_too_long",
      "too long",
    ],
    ["bigmodel", 401, { error: { code: "1002", message: "Authorization Token非法" } }, "upstream_auth", "API key"],
    // AceData: {trace_id, error: {code, message}}.
    [
      "acedata",
      400,
      { trace_id: "t", error: { code: "api_not_implemented", message: "n=4 is not supported" } },
      "upstream_unsupported",
      "does not support this request: n=4 is not supported",
    ],
    [
      "acedata",
      500,
      { trace_id: "t", error: { code: "api_error", message: "Service is temporarily unavailable" } },
      "upstream_unavailable",
      "temporarily unavailable (HTTP 500)",
    ],
    // DashScope, both protocols.
    [
      "dashscope",
      400,
      { error: { code: "data_inspection_failed", message: "Input data may contain inappropriate content." } },
      "upstream_content_filter",
      "content rules",
    ],
    [
      "dashscope-native",
      400,
      { code: "Arrearage", message: "Access denied, please make sure your account is in good standing." },
      "upstream_balance",
      "balance",
    ],
    [
      "dashscope-native",
      429,
      { code: "Throttling.RateQuota", message: "Requests rate limit exceeded" },
      "upstream_rate_limited",
      "rate-limiting",
    ],
    // Unknown codes fall back to the HTTP status.
    ["openai-compatible", 503, "Service Unavailable", "upstream_unavailable", "(HTTP 503)"],
  ] as const)("%s %s %j → %s", (platform, status, body, code, text) => {
    const error = classify(platform, status, body);
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });

  it("says the platform could not be reached when there is no HTTP answer", () => {
    const error = classify("openai-compatible", undefined, undefined);
    expect(error.code).toBe("upstream_unavailable");
    expect(error.message).toBe("Could not reach Self-hosted (OpenAI-compatible). Check its base URL and the network.");
  });

  it("never echoes a key or URL, only the platform's own message", () => {
    const error = classify("dashscope", 401, {
      error: { code: "invalid_api_key", message: "Incorrect API key provided." },
    });
    expect(error.message).toBe("The API key for DashScope was rejected — ask an admin to update it.");
  });
});

describe("upstreamError on a large error body", () => {
  it("shows at most 300 characters of the platform's message, JSON or not, read in linear time", () => {
    const page = `<html>${"x".repeat(1_000_000)}</html>`;
    const raw = new APICallError({
      message: page,
      url: "https://upstream.example/api/v1",
      requestBodyValues: {},
      statusCode: 400,
      responseBody: page,
    });
    const json = apiError(400, { error: { code: "c".repeat(1_000_000), message: "y".repeat(1_000_000) } });
    for (const error of [raw, json]) {
      expect(elapsedMs(() => upstreamError(error, PLATFORMS["dashscope-native"]))).toBeLessThan(HOSTILE_INPUT_MS);
      const described = upstreamError(error, PLATFORMS["dashscope-native"]);
      expect(described.message.length).toBeLessThan(450);
      expect(JSON.stringify(described.details).length).toBeLessThan(300);
    }
  });
});

describe("upstreamError names the connection as the team knows it", () => {
  it("uses an admin's name for the connection rather than the platform's", () => {
    const error = upstreamError(
      apiError(401, { error: { message: "bad key" } }),
      PLATFORMS["openai-compatible"],
      "GPU box",
    );
    expect(error.message).toBe("The API key for GPU box was rejected — ask an admin to update it.");
  });
});
