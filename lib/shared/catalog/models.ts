import { z } from "zod";

// The GLM models the product offers and what is true of a model wherever it runs: its limits and
// whether it can think. What a platform adds or changes (its own limits, sampling defaults,
// parameter ranges, features) lives in that platform's module (lib/shared/platforms); the two
// are combined into a ModelProfile by lib/shared/catalog/profile.ts.

export const MODEL_IDS = ["glm-5.1", "glm-5", "glm-4.7", "glm-4.6", "glm-4.5-air", "glm-3-turbo"] as const;
export const modelIdSchema = z.enum(MODEL_IDS);
export type ModelId = z.infer<typeof modelIdSchema>;

export interface ModelLimits {
  /** Prompt and answer together. */
  contextWindow: number;
  maxInputTokens: number;
  /** The longest chain of thought, where a platform documents one. */
  maxThinkingTokens?: number;
  maxOutputTokens: number;
}

export interface ModelInfo extends ModelLimits {
  id: ModelId;
  label: string;
  /** Hybrid reasoning: the model can think before it answers, switched per request. */
  thinking: boolean;
  /** Whether thinking is on when the request does not say. */
  thinkingByDefault: boolean;
}

// Sources: glm-5.1 from Zhipu's BigModel page (200K context, 163,840 output; seed 002); glm-5,
// glm-4.7 and glm-4.6 from Model Studio's limits table (seed 001: 202,752 / 169,984 context, 32,768
// chain of thought, 16,384 response; glm-4.7 and glm-4.6 share merged cells). glm-4.5-air and
// glm-3-turbo are not in the seeds' tables: Zhipu's public model pages (128K context).
export const MODELS: Record<ModelId, ModelInfo> = {
  "glm-5.1": {
    id: "glm-5.1",
    label: "GLM-5.1",
    contextWindow: 200_000,
    maxInputTokens: 200_000,
    maxOutputTokens: 163_840,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-5": {
    id: "glm-5",
    label: "GLM-5",
    contextWindow: 202_752,
    maxInputTokens: 202_752,
    maxThinkingTokens: 32_768,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.7": {
    id: "glm-4.7",
    label: "GLM-4.7",
    contextWindow: 169_984,
    maxInputTokens: 169_984,
    maxThinkingTokens: 32_768,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.6": {
    id: "glm-4.6",
    label: "GLM-4.6",
    contextWindow: 169_984,
    maxInputTokens: 169_984,
    maxThinkingTokens: 32_768,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-4.5-air": {
    id: "glm-4.5-air",
    label: "GLM-4.5-Air",
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 16_384,
    thinking: true,
    thinkingByDefault: true,
  },
  "glm-3-turbo": {
    id: "glm-3-turbo",
    label: "GLM-3-Turbo",
    contextWindow: 128_000,
    maxInputTokens: 128_000,
    maxOutputTokens: 4_096,
    thinking: false,
    thinkingByDefault: false,
  },
};

export const DEFAULT_MODEL: ModelId = "glm-5.1";
