import { describe, expect, it } from "vitest";
import { readPlatformConfig } from "../../providers/configured";
import { detectPlatform, PLATFORMS, servedModels } from "./";

describe("detectPlatform", () => {
  it("recognises each platform from the base URLs in its documentation", () => {
    expect(detectPlatform("https://dashscope-intl.aliyuncs.com/compatible-mode/v1")).toBe("dashscope");
    expect(detectPlatform("https://dashscope.aliyuncs.com/compatible-mode/v1")).toBe("dashscope");
    expect(detectPlatform("https://dashscope-intl.aliyuncs.com")).toBe("dashscope-native");
    expect(detectPlatform("https://dashscope.aliyuncs.com/api/v1")).toBe("dashscope-native");
    expect(detectPlatform("https://open.bigmodel.cn/api/paas/v4/")).toBe("bigmodel");
    expect(detectPlatform("https://api.z.ai/api/paas/v4")).toBe("bigmodel");
    expect(detectPlatform("https://api.acedata.cloud/glm")).toBe("acedata");
    expect(detectPlatform("https://api.runware.ai/v1")).toBe("runware");
    expect(detectPlatform("http://gpu-box:8000/v1")).toBe("openai-compatible");
  });
});

const off = { webSearch: false, tools: false };

describe("thinking switch", () => {
  it("uses each platform's own parameter", () => {
    expect(PLATFORMS.dashscope.providerOptions({ ...off, thinking: false })).toEqual({
      dashscope: { enable_thinking: false },
    });
    expect(PLATFORMS["dashscope-native"].providerOptions({ ...off, thinking: true })).toEqual({
      dashscope: { enable_thinking: true },
    });
    expect(PLATFORMS.bigmodel.providerOptions({ ...off, thinking: true })).toEqual({
      bigmodel: { thinking: { type: "enabled" } },
    });
    expect(PLATFORMS["openai-compatible"].providerOptions({ ...off, thinking: false })).toEqual({
      openaiCompatible: { chat_template_kwargs: { enable_thinking: false } },
    });
    expect(PLATFORMS.acedata.thinkingSwitch).toBe(false);
  });
});

describe("readPlatformConfig", () => {
  it("says what is missing when nothing is configured", () => {
    expect(readPlatformConfig({})).toEqual({ ok: false, problem: "GLM_BASE_URL is not set." });
    expect(readPlatformConfig({ GLM_BASE_URL: "  " })).toEqual({ ok: false, problem: "GLM_BASE_URL is not set." });
  });

  it("requires a key for cloud platforms but not for a self-hosted server", () => {
    expect(readPlatformConfig({ GLM_BASE_URL: "https://open.bigmodel.cn/api/paas/v4" })).toEqual({
      ok: false,
      problem: "GLM_API_KEY is not set (Zhipu BigModel needs one).",
    });
    const local = readPlatformConfig({ GLM_BASE_URL: "http://127.0.0.1:8000/v1/" });
    expect(local.ok && local.config).toMatchObject({ baseURL: "http://127.0.0.1:8000/v1", apiKey: undefined });
  });

  it("lets GLM_PLATFORM override detection, and rejects an unknown one", () => {
    const forced = readPlatformConfig({ GLM_BASE_URL: "http://proxy/v1", GLM_API_KEY: "k", GLM_PLATFORM: "bigmodel" });
    expect(forced.ok && forced.config.platform.id).toBe("bigmodel");
    const wrong = readPlatformConfig({ GLM_BASE_URL: "http://proxy/v1", GLM_PLATFORM: "openai" });
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringContaining("GLM_PLATFORM must be one of") });
  });

  it("rejects a base URL that is not a URL", () => {
    expect(readPlatformConfig({ GLM_BASE_URL: "dashscope" })).toMatchObject({ ok: false });
  });
});

describe("served models", () => {
  it("lists what each platform documents, under its own ids", () => {
    expect(servedModels(PLATFORMS.dashscope)).toEqual(["glm-5.1", "glm-5", "glm-4.7", "glm-4.6"]);
    expect(servedModels(PLATFORMS.acedata)).toEqual(["glm-5.1", "glm-4.7", "glm-4.6", "glm-4.5-air", "glm-3-turbo"]);
    expect(Object.keys(PLATFORMS.runware.models)).toEqual(["glm-5.1"]);
    expect(PLATFORMS.runware.models["glm-5.1"]?.upstreamId).toBe("zai:glm@5.1");
  });
});
