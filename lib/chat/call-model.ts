import "server-only";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { wrapLanguageModel } from "ai";
import { coalesceDeltas } from "../providers/coalesce-deltas";
import { languageModel } from "../providers/configured";
import type { Connection } from "../providers/connections";
import { resilience } from "../providers/resilience";
import type { ModelId } from "../shared/catalog/models";
import { modelProfile } from "../shared/catalog/profile";
import { type CallSettings, withCallSettings } from "./call-settings";

// The model one call is sent to, as a chat turn and an API call alike: the connection's model,
// its deltas coalesced, with retries before the first token and the fallback chain, each
// fallback sent with its own settings (lib/chat/call-settings).

export function resilientModel({
  connection,
  upstreamModel,
  served,
  fallbacks,
  settingsOf,
  fetch,
}: {
  connection: Connection;
  /** The requested model's id on the connection. */
  upstreamModel: string;
  served: ReadonlyMap<ModelId, string>;
  /** Catalog models to fall back to, in order (none when several answers are asked for). */
  fallbacks: readonly ModelId[];
  /** A fallback's own settings, read at each call (a grant may change them). */
  settingsOf: (id: ModelId) => CallSettings;
  /** A fetch of the call's own (lib/chat/candidates.ts). */
  fetch?: typeof globalThis.fetch;
}): LanguageModelV3 {
  const { platform } = connection;
  return wrapLanguageModel({
    model: languageModel(connection, upstreamModel, fetch),
    middleware: [
      coalesceDeltas,
      resilience({
        platform,
        fallbacks: fallbacks.flatMap((id) =>
          modelProfile(platform, id)
            ? [
                wrapLanguageModel({
                  model: languageModel(connection, served.get(id) ?? id),
                  middleware: withCallSettings(() => settingsOf(id)),
                }),
              ]
            : [],
        ),
      }),
    ],
  });
}
