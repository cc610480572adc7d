/**
 * Reads a streamed response to its end; returns when `pattern` first appeared in it, in ms since
 * `t0` (performance.now()). Throws if it never did.
 */
export async function firstMatch(res: Response, pattern: string | RegExp, t0: number): Promise<number> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("bench: no body");
  const decoder = new TextDecoder();
  let seen = "";
  let at = -1;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (at >= 0) continue;
    seen += decoder.decode(value, { stream: true });
    if (typeof pattern === "string" ? seen.includes(pattern) : pattern.test(seen)) at = performance.now() - t0;
  }
  if (at < 0) throw new Error(`bench: no ${pattern} in the response`);
  return at;
}
