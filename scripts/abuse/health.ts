// Another client polling GET /api/health while a case runs, on a thread of its own so that the
// suite's own work (building a 60 MB body, reading streams) cannot delay it. The worst latency is
// what a load balancer or any other user would have waited.
import { Worker } from "node:worker_threads";

const WORKER = `
const { workerData } = require("node:worker_threads");
const { url, intervalMs, shared, epoch } = workerData;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  for (;;) {
    const started = Date.now();
    Atomics.store(shared, 2, started - epoch);
    let ok = false;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(120000), cache: "no-store" });
      await res.arrayBuffer();
      ok = res.status === 200;
    } catch {}
    Atomics.store(shared, 2, 0);
    Atomics.store(shared, 4, started - epoch);
    const took = Date.now() - started;
    if (took > Atomics.load(shared, 0)) Atomics.store(shared, 0, took);
    if (!ok) Atomics.add(shared, 3, 1);
    Atomics.add(shared, 1, 1);
    if (Atomics.load(shared, 5) === 1) return;
    await sleep(intervalMs);
  }
})();
`;

export interface HealthWindow {
  /** The longest any health request took (or has been waiting), in ms. */
  worstMs: number;
  polls: number;
  /** Health requests that failed or did not answer 200. */
  failures: number;
}

export class HealthPoller {
  // [0] worst ms since reset, [1] polls done, [2] start of the poll in flight (0: none),
  // [3] failures, [4] start of the last poll that came back, [5] stop flag; times in ms since `epoch`.
  private readonly shared = new Int32Array(new SharedArrayBuffer(6 * 4));
  private readonly epoch = Date.now();
  private readonly worker: Worker;
  private since = { polls: 0, failures: 0 };

  constructor(url: string, intervalMs = 50) {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { url, intervalMs, shared: this.shared, epoch: this.epoch },
    });
    this.worker.unref();
  }

  /** Starts a window: the worst latency counts from now. */
  reset(): void {
    Atomics.store(this.shared, 0, 0);
    this.since = { polls: Atomics.load(this.shared, 1), failures: Atomics.load(this.shared, 3) };
  }

  /**
   * Ends a window. It waits for a poll that started after the case ended to come back (up to
   * `graceMs`), so that a server still busy with what the case sent is counted against the case.
   */
  async end(graceMs = 60_000): Promise<HealthWindow> {
    const endedAt = Date.now() - this.epoch;
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && Atomics.load(this.shared, 4) < endedAt) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const inFlight = Atomics.load(this.shared, 2);
    const waiting = inFlight ? Date.now() - this.epoch - inFlight : 0;
    return {
      worstMs: Math.max(Atomics.load(this.shared, 0), waiting),
      polls: Atomics.load(this.shared, 1) - this.since.polls,
      failures: Atomics.load(this.shared, 3) - this.since.failures,
    };
  }

  async stop(): Promise<void> {
    Atomics.store(this.shared, 5, 1);
    await this.worker.terminate();
  }
}
