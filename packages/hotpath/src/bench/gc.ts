/**
 * Garbage collection and benchmarks. The policy, chosen and documented here:
 *
 * - **GC stays on during the timed rounds.** Allocation is part of what code costs: a function
 *   that allocates a boxed number per step (the class-field trap) must measure slower, and in
 *   V8 that cost is the collections. Forcing a collection between rounds would hide it, and
 *   V8 cannot be told to stop collecting.
 * - **A full collection before the timed rounds**, when `gc()` is exposed (`hotpath bench`
 *   runs the files with `--expose-gc`), so that garbage left by the test's setup or by the
 *   benchmark before this one is not collected on this one's time.
 * - **Collections are counted** during the timed rounds with `v8.GCProfiler`, and reported
 *   (count and total pause) next to the numbers: when GC is a large share of the time, the
 *   spread between rounds is mostly GC, and the JSON says so.
 */
import v8 from 'node:v8';

/** Collections during the timed rounds of one benchmark. */
export interface GcActivity {
  /** Number of collections (minor and major). */
  count: number;
  /** Their total pause, in integer ns. */
  ns: number;
}

/** Runs a full collection when `gc()` is exposed; says whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') return false;
  (gc as () => void)();
  return true;
}

/** Counts collections from now until `stop()`; `stop()` gives null where Node lacks GCProfiler. */
export function watchGc(): { stop(): GcActivity | null } {
  const Profiler = (v8 as { GCProfiler?: typeof v8.GCProfiler }).GCProfiler;
  if (!Profiler) return { stop: () => null };
  const profiler = new Profiler();
  profiler.start();
  return {
    stop() {
      const { statistics } = profiler.stop();
      // `cost` is in microseconds.
      const ns = statistics.reduce((sum, entry) => sum + Math.round(entry.cost * 1000), 0);
      return { count: statistics.length, ns };
    },
  };
}
