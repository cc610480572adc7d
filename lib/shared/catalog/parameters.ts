import { z } from "zod";
import type { NumericParameter } from "../platforms/types";
import type { ModelProfile } from "./profile";

// The sampling parameters a user can set for a conversation, and how they are fitted to the chosen
// model and platform: a value outside the platform's range is clamped, one the platform does not
// accept is left out, each time with a reason the UI shows next to the field (as data, which the UI
// words in the user's language). The server applies the same function, so a crafted request cannot
// send what the platform would reject.

export const MAX_STOP_SEQUENCES = 8;

export const chatParametersSchema = z
  .object({
    temperature: z.number().min(0).max(2),
    topP: z.number().min(0).max(1),
    topK: z.number().int().min(1).max(1000),
    maxOutputTokens: z.number().int().min(1).max(1_000_000),
    presencePenalty: z.number().min(-2).max(2),
    frequencyPenalty: z.number().min(-2).max(2),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    stopSequences: z.array(z.string().min(1).max(200)).max(MAX_STOP_SEQUENCES),
  })
  .partial()
  .strict();
export type ChatParameters = z.infer<typeof chatParametersSchema>;
/** The numeric parameters (stop sequences are a list, fitted on their own). */
export type ParameterName = Exclude<keyof ChatParameters, "stopSequences">;

export const WHOLE_NUMBER: Record<ParameterName, boolean> = {
  temperature: false,
  topP: false,
  topK: true,
  maxOutputTokens: true,
  presencePenalty: false,
  frequencyPenalty: false,
  seed: true,
};

/** The parameters, in the order the UI shows them (labels: messages composer.panel.labels). */
export const PARAMETER_NAMES: readonly ParameterName[] = [
  "temperature",
  "topP",
  "topK",
  "maxOutputTokens",
  "presencePenalty",
  "frequencyPenalty",
  "seed",
];

/**
 * A value that is not sent as typed, and why: the platform does not accept the parameter (it is left
 * out), the value is outside the platform's range (the nearest bound is sent), or the parameter
 * takes whole numbers (the value is rounded).
 */
export type Adjustment =
  | ({ parameter: ParameterName; requested: number } & (
      | { reason: "not-accepted" }
      | { reason: "out-of-range"; applied: number; min: number; max: number }
      | { reason: "not-whole"; applied: number }
    ))
  | { parameter: "stopSequences"; reason: "not-accepted" }
  /** Only the first `max` are sent. */
  | { parameter: "stopSequences"; reason: "too-many"; max: number }
  /** Longer ones are left out. */
  | { parameter: "stopSequences"; reason: "too-long"; maxLength: number };

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
  for (const name of PARAMETER_NAMES) {
    const value = requested[name];
    if (value === undefined) continue;
    const range = parameterRange(profile, name);
    if (!range) {
      adjustments.push({ parameter: name, requested: value, reason: "not-accepted" });
      continue;
    }
    const whole = WHOLE_NUMBER[name] ? Math.round(value) : value;
    const applied = Math.min(range.max, Math.max(range.min, whole));
    values[name] = applied;
    if (applied !== whole) {
      adjustments.push({
        parameter: name,
        requested: value,
        reason: "out-of-range",
        applied,
        min: range.min,
        max: range.max,
      });
    } else if (whole !== value) {
      adjustments.push({ parameter: name, requested: value, reason: "not-whole", applied });
    }
  }
  const stops = requested.stopSequences?.filter((s) => s.length > 0);
  if (stops?.length) {
    const accepted = profile.sampling.stopSequences;
    if (!accepted) {
      adjustments.push({ parameter: "stopSequences", reason: "not-accepted" });
    } else {
      const short = stops.filter((s) => s.length <= accepted.maxLength);
      if (short.length < stops.length) {
        adjustments.push({ parameter: "stopSequences", reason: "too-long", maxLength: accepted.maxLength });
      }
      if (short.length > accepted.maxCount) {
        adjustments.push({ parameter: "stopSequences", reason: "too-many", max: accepted.maxCount });
      }
      if (short.length > 0) values.stopSequences = short.slice(0, accepted.maxCount);
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
  for (const name of PARAMETER_NAMES) {
    const value = values[name];
    if (value === undefined || !Number.isFinite(value)) continue;
    const field = shape[name].unwrap();
    const whole = WHOLE_NUMBER[name] ? Math.round(value) : value;
    bounded[name] = Math.min(field.maxValue ?? whole, Math.max(field.minValue ?? whole, whole));
  }
  const stops = values.stopSequences
    ?.map((s) => s.slice(0, 200))
    .filter((s) => s.length > 0)
    .slice(0, MAX_STOP_SEQUENCES);
  if (stops?.length) bounded.stopSequences = stops;
  return bounded;
}
