import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator } from "@/test/simulator";
import { catalogIdOf, fetchServedModels } from "./self-hosted-models";

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator("sk-vllm");
});
afterAll(() => sim.close());

describe("self-hosted model discovery", () => {
  it("maps Hugging Face repo ids and served names onto the catalog", () => {
    expect(catalogIdOf("zai-org/GLM-4.5-Air")).toBe("glm-4.5-air");
    expect(catalogIdOf("zai-org/GLM-4.6-FP8")).toBe("glm-4.6");
    expect(catalogIdOf("glm-5.1")).toBe("glm-5.1");
    expect(catalogIdOf("meta-llama/Llama-3.1-8B")).toBeUndefined();
  });

  it("reads GET /v1/models and keeps the server's own names", async () => {
    const root = sim.baseURL.replace("/compatible-mode/v1", "");
    expect(await fetchServedModels(`${root}/v1`, sim.apiKey)).toEqual([
      { id: "glm-4.5-air", upstreamId: "zai-org/GLM-4.5-Air" },
      { id: "glm-4.6", upstreamId: "glm-4.6" },
    ]);
  });

  it("says it could not ask when the server is not there", async () => {
    expect(await fetchServedModels("http://127.0.0.1:9/v1", undefined)).toBeNull();
  });
});
