import { z } from "zod";

// The GLM models the product offers, with the limits and defaults the platforms document
// (see ../shared/seeds). Issue #3 extends this with per-platform feature matrices and prices.

export const MODEL_IDS = ["glm-5.1", "glm-5", "glm-4.7", "glm-4.6", "glm-4.5-air", "glm-3-turbo"] as const;
export const modelIdSchema = z.enum(MODEL_IDS);
export type ModelId = z.infer<typeof modelIdSchema>;

export interface ModelInfo {
  id: ModelId;
  label: string;
  contextWindow: number;
  maxOutputTokens: number;
  /** Hybrid reasoning: the model can think before it answers, switched per request. */
  thinking: boolean;
  /** Whether thinking is on when the request does not say. */
  thinkingByDefault: boolean;
}

export const MODELS: Record<ModelId, ModelInfo> = {
  "glm-5.1": {
    id: "glm-5.1",
    label: "GLM-5.1",
    contextWindow: 200_000,
    maxOutputTokens: 163_840,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-5": {
    id: "glm-5",
    label: "GLM-5",
    contextWindow: 202_752,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.7": {
    id: "glm-4.7",
    label: "GLM-4.7",
    contextWindow: 169_984,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.6": {
    id: "glm-4.6",
    label: "GLM-4.6",
    contextWindow: 169_984,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.5-air": {
    id: "glm-4.5-air",
    label: "GLM-4.5-Air",
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-3-turbo": {
    id: "glm-3-turbo",
    label: "GLM-3-Turbo",
    contextWindow: 128_000,
    maxOutputTokens: 4_096,
    thinking: false,
    thinkingByDefault: false,
  },
};

export const DEFAULT_MODEL: ModelId = "glm-5.1";
