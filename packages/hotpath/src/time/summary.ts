/**
 * Several runs of a command summarised as hyperfine does (median, min and max, the spread of
 * the middle half), and two commands compared: the ratio of their medians, and whether the
 * difference is inside the noise, by the test `hotpath bench --compare-fail` uses (the
 * interquartile ranges of the two sets of runs overlap).
 */
import { iqrsOverlap } from '../bench/compare.js';
import { computeStats, type BenchStats } from '../bench/stats.js';
import type { TimedCommand } from './command.js';
import type { RunFigures } from './measure.js';

/** A command's runs and their statistics (ns, KiB). */
export interface CommandSummary {
  command: TimedCommand;
  runs: RunFigures[];
  real: BenchStats;
  user: BenchStats | null;
  sys: BenchStats | null;
  maxRss: BenchStats | null;
  /** The runs that exited with a code other than 0. */
  failed: RunFigures[];
}

/** The statistics of one command's runs (at least one). */
export function summarize(command: TimedCommand, runs: RunFigures[]): CommandSummary {
  return {
    command,
    runs,
    real: computeStats(
      runs.map((run) => run.realNs),
      1,
    ),
    user: statsOf(runs.map((run) => run.userNs)),
    sys: statsOf(runs.map((run) => run.sysNs)),
    maxRss: statsOf(runs.map((run) => run.maxRssKiB)),
    failed: runs.filter((run) => run.exitCode !== 0),
  };
}

function statsOf(values: (number | null)[]): BenchStats | null {
  return values.every((value) => value !== null) ? computeStats(values as number[], 1) : null;
}

/** How one command compares with the fastest. */
export interface Comparison {
  summary: CommandSummary;
  /** Its median wall time over the fastest's, >= 1. */
  ratio: number;
  /** Whether its runs' middle half overlaps the fastest's: the difference may be noise. */
  inNoise: boolean;
}

/** The fastest command (by median wall time) and how each other one compares with it. */
export function compareCommands(summaries: readonly CommandSummary[]): { fastest: CommandSummary; others: Comparison[] } {
  const fastest = summaries.reduce((best, s) => (s.real.median < best.real.median ? s : best));
  const others = summaries
    .filter((s) => s !== fastest)
    .map((summary) => ({
      summary,
      ratio: summary.real.median / fastest.real.median,
      inNoise: iqrsOverlap(summary.real, fastest.real),
    }));
  return { fastest, others };
}
