/** Timing helpers shared by the benchmarks: N callers draining a job count, and their figures. */

/** The p-quantile (p in [0, 1]) of the values. */
export const percentile = (values: number[], p: number): number => {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(v.length * p))]!;
};

export interface Round {
  count: number;
  seconds: number;
  latencies: number[];
}

export interface Figures {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Throughput and latency quantiles of several rounds taken together. */
export const combine = (rounds: Round[]): Figures => {
  const latencies = rounds.flatMap((r) => r.latencies);
  const count = rounds.reduce((a, r) => a + r.count, 0);
  const seconds = rounds.reduce((a, r) => a + r.seconds, 0);
  return { perSecond: count / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
};

/**
 * `callers` concurrent loops share `total` jobs; `job(caller, i)` runs the i-th. Each latency is
 * one job's wall time.
 * @example const r = await timed(32, 1000, (w) => allocate(workers[w]));
 */
export const timed = async (
  callers: number,
  total: number,
  job: (caller: number, i: number) => Promise<unknown>,
): Promise<Round & Figures> => {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, w) => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        await job(w, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { count: total, seconds, latencies, ...combine([{ count: total, seconds, latencies }]) };
};
