export function formatSeconds(ms: number): string {
  if (ms < 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

export function formatTokens(n: number): string {
  return n.toLocaleString("en-US");
}

/** The user-facing text of an error from the chat API (a JSON error body or a stream error). */
export function errorText(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: a message streamed by the server, or a network failure
  }
  if (error.message === "Failed to fetch" || error.message.includes("NetworkError")) {
    return "Could not reach GLM Chat. Check your connection and try again.";
  }
  return error.message || "Something went wrong. Try again.";
}

/** Output tokens per second after the first token; null when it cannot be told. */
export function tokensPerSecond(outputTokens: number, durationMs: number, ttftMs: number | null): number | null {
  const streaming = durationMs - (ttftMs ?? 0);
  if (outputTokens <= 0 || streaming < 50) return null;
  return outputTokens / (streaming / 1000);
}
