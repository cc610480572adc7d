// Timing of parsers on hostile input. A linear parser reads about 1 MB in a few milliseconds; the
// quadratic ones this guards against took seconds to minutes on the same input. The bound is
// generous so that a busy machine does not fail a linear parser.

/** The most a parser may take over about 1 MB of hostile text. */
export const HOSTILE_INPUT_MS = 250;

/**
 * Milliseconds `run` takes: the best of up to five runs (the first may include compiling the
 * code, or other test files may hold both cores for a while), stopping at the first under `enough`.
 * A quadratic parser stays slow on every run, so more runs cost it nothing in strictness.
 */
export function elapsedMs(run: () => unknown, enough = HOSTILE_INPUT_MS / 2): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5 && best >= enough; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
