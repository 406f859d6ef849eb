/**
 * Notes under the table: what the numbers cannot say by themselves. A benchmark whose time is
 * at the harness's own floor is flagged (and starred in the table) instead of being shown as a
 * real cost; heavy garbage collection is pointed out.
 */
import type { RunBenchmark } from './storage.js';

/** A note about one benchmark; `flag` marks the benchmark's row in the table. */
export interface BenchNote {
  fullname: string;
  flag: boolean;
  text: string;
}

/**
 * A call slower than this multiple of the empty-function cost is a real measurement. Not 1:
 * the floor is the empty loop's fastest round, and a busy neighbour core can slow the same
 * loop by half again.
 */
const OVERHEAD_FACTOR = 3;
/** A round shorter than this many timer resolutions is imprecise. */
const RESOLUTION_FACTOR = 100;
/** GC taking this share of the timed rounds is worth a note. */
const GC_SHARE = 0.05;

/** The notes about `b`, most important first. */
export function benchmarkNotes(b: RunBenchmark): BenchNote[] {
  const notes: BenchNote[] = [];
  const note = (flag: boolean, text: string) => notes.push({ fullname: b.fullname, flag, text: `${b.name}: ${text}` });
  const { median } = b.stats;
  const { overheadNs, resolutionNs } = b.timer;
  if (median < OVERHEAD_FACTOR * overheadNs) {
    note(
      true,
      `${formatNs(median)} per call is below timer/loop overhead (a call of an empty function ` + `costs ${formatNs(overheadNs)} in this loop): too fast to measure, read it as ~0`,
    );
  }
  const roundNs = median * b.iterations;
  if (roundNs < RESOLUTION_FACTOR * resolutionNs) {
    note(true, `its rounds (${formatNs(roundNs)}) are within ${RESOLUTION_FACTOR}x the timer resolution (${formatNs(resolutionNs)}): imprecise`);
  }
  if (b.gc && b.gc.count > 0 && b.gc.ns >= GC_SHARE * b.stats.totalNs) {
    const share = ((100 * b.gc.ns) / b.stats.totalNs).toFixed(0);
    note(false, `${b.gc.count} garbage collections took ${share}% of the timed rounds`);
  }
  return notes;
}

/** A duration in ns with three significant digits and a unit: `0.312 ns`, `12.4 us`, `1.05 s`. */
export function formatNs(ns: number): string {
  const [factor, unit] = ns >= 1e9 ? [1e9, 's'] : ns >= 1e6 ? [1e6, 'ms'] : ns >= 1e3 ? [1e3, 'us'] : [1, 'ns'];
  return `${Number((ns / factor).toPrecision(3))} ${unit}`;
}
