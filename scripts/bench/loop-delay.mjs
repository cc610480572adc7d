// Preloaded into the app server by `npm run bench:load` (NODE_OPTIONS=--import): measures the
// server's event-loop delay, which the load client cannot see. On SIGUSR2 it writes what it saw
// since the last signal to <dir>/loop-delay-<pid>.json and starts over. Plain JavaScript: the
// server runs on plain node.
import { writeFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const dir = process.env.BENCH_LOOP_DELAY_DIR;
if (dir) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  // The monitor's timer fires every 10 ms: what it reports beyond that is the delay.
  const ms = (ns) => Math.max(0, Math.round(ns / 1e4) / 100 - 10);
  process.on("SIGUSR2", () => {
    const seen = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
    writeFileSync(`${dir}/loop-delay-${process.pid}.json`, JSON.stringify(seen));
    histogram.reset();
  });
}
