/**
 * The clock every measurement reads, and what is known about it.
 *
 * A clock is a function returning monotonic integer nanoseconds as a bigint, like
 * `process.hrtime.bigint`. It is injected everywhere (never read from a global) so that tests
 * can drive the harness with a fake clock and assert exact numbers.
 */

/** A monotonic clock in integer nanoseconds. */
export type Clock = () => bigint;

/** The default clock: `process.hrtime.bigint` (CLOCK_MONOTONIC on Linux). */
export const hrClock: Clock = () => process.hrtime.bigint();

/**
 * The smallest positive difference between two successive reads of `clock`, in ns: what the
 * harness calls the timer resolution. On Linux hrtime ticks in 1 ns, but two reads cannot be
 * closer than the cost of one read (about 25-60 ns here), so that is what this finds, and it is
 * the number that matters: a round must be far longer than it.
 *
 * A clock that never advances (a frozen fake) gives 1 ns after `maxReads` reads instead of
 * spinning forever.
 */
export function timerResolution(clock: Clock, samples = 200, maxReads = 100_000): number {
  let best = Infinity;
  let found = 0;
  let previous = clock();
  for (let reads = 1; found < samples && reads < maxReads; reads++) {
    const now = clock();
    const delta = Number(now - previous);
    if (delta > 0) {
      found++;
      if (delta < best) best = delta;
    }
    previous = now;
  }
  return Number.isFinite(best) ? best : 1;
}

/**
 * The process's CPU time (user + system, all threads) in ns, as Python's `time.process_time`
 * which `timeit -p` reads: time the process spent waiting (sleep, I/O, other programs on the
 * core) does not count. It advances in microseconds (`process.cpuUsage`), and a read costs
 * about a microsecond, so it suits statements timed over many loops.
 */
export const processClock: Clock = () => {
  const usage = process.cpuUsage();
  return BigInt(usage.user + usage.system) * 1000n;
};
