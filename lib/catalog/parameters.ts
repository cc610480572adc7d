import { z } from "zod";
import type { NumericParameter } from "../providers/platforms/types";
import type { ModelProfile } from "./profile";

// The sampling parameters a user can set for a conversation, and how they are fitted to the chosen
// model and platform: a value outside the platform's range is clamped, one the platform does not
// accept is left out, each time with a reason the UI shows next to the field. The server applies
// the same function, so a crafted request cannot send what the platform would reject.

export const chatParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    topP: z.number().min(0).max(1),
    topK: z.number().int().min(1).max(1000),
    maxOutputTokens: z.number().int().min(1).max(1_000_000),
  })
  .partial()
  .strict();
export type ChatParameters = z.infer<typeof chatParametersSchema>;
export type ParameterName = keyof ChatParameters;

const INTEGER: Record<ParameterName, boolean> = { temperature: false, topP: false, topK: true, maxOutputTokens: true };

export const PARAMETER_LABELS: Record<ParameterName, string> = {
  temperature: "Temperature",
  topP: "Top P",
  topK: "Top K",
  maxOutputTokens: "Max output tokens",
};

export interface Adjustment {
  parameter: ParameterName;
  requested: number;
  /** What is sent instead; undefined when the parameter is left out. */
  applied?: number;
  reason: string;
}

/** The range of a parameter on this profile; undefined when the platform does not accept it. */
export function parameterRange(profile: ModelProfile, name: ParameterName): NumericParameter | undefined {
  return name === "maxOutputTokens" ? profile.maxOutputTokens : profile.sampling[name];
}

export function fitParameters(
  requested: ChatParameters,
  profile: ModelProfile,
): { values: ChatParameters; adjustments: Adjustment[] } {
  const values: ChatParameters = {};
  const adjustments: Adjustment[] = [];
  const where = `${profile.label} on ${profile.platformLabel}`;
  for (const name of Object.keys(PARAMETER_LABELS) as ParameterName[]) {
    const value = requested[name];
    if (value === undefined) continue;
    const range = parameterRange(profile, name);
    if (!range) {
      adjustments.push({
        parameter: name,
        requested: value,
        reason: `${profile.platformLabel} does not accept ${PARAMETER_LABELS[name]}, so it is not sent.`,
      });
      continue;
    }
    const whole = INTEGER[name] ? Math.round(value) : value;
    const applied = Math.min(range.max, Math.max(range.min, whole));
    values[name] = applied;
    if (applied !== whole) {
      adjustments.push({
        parameter: name,
        requested: value,
        applied,
        reason:
          name === "maxOutputTokens"
            ? `${where} answers with at most ${range.max.toLocaleString("en-US")} tokens, so ${applied.toLocaleString("en-US")} is sent.`
            : `${where} accepts ${PARAMETER_LABELS[name]} from ${range.min} to ${range.max}, so ${applied} is sent.`,
      });
    } else if (whole !== value) {
      adjustments.push({
        parameter: name,
        requested: value,
        applied,
        reason: `${PARAMETER_LABELS[name]} is a whole number, so ${applied} is sent.`,
      });
    }
  }
  return { values, adjustments };
}

/**
 * What the browser sends and the conversation keeps: the user's own values (not fitted to the
 * platform of the moment, so that switching platforms loses nothing), within the bounds any
 * platform could accept and whole where they must be.
 */
export function boundedParameters(values: ChatParameters): ChatParameters {
  const shape = chatParametersSchema.shape;
  const bounded: ChatParameters = {};
  for (const name of Object.keys(PARAMETER_LABELS) as ParameterName[]) {
    const value = values[name];
    if (value === undefined || !Number.isFinite(value)) continue;
    const field = shape[name].unwrap();
    const whole = INTEGER[name] ? Math.round(value) : value;
    bounded[name] = Math.min(field.maxValue ?? whole, Math.max(field.minValue ?? whole, whole));
  }
  return bounded;
}
