/**
 * The measuring loop of `particles bench`, on hotpath's benchmark harness (`hotpath/bench`):
 * each case is a hotpath {@link Benchmark} in its pedantic form (a fresh state from `prepare`
 * every round, one timed call per round), so the clock, the warm-up, the timed loop compiled
 * for each case alone and the sink that keeps results alive are hotpath's. What stays here is
 * what this benchmark adds: the rounds are interleaved across cases, and every round's
 * checksum must equal round 1's.
 *
 * Times are integer nanoseconds throughout.
 */
import { Benchmark, type Clock } from 'hotpath/bench';

export type { Clock };

/** One round of a case, prepared outside the timed region. */
export interface PreparedRound {
  /** The timed work. */
  run(): void;
  /**
   * A number computed from what `run` did, read after the clock stops. It guards against
   * the work being optimised away, and must be the same in every round (every round
   * starts from the same state), which catches a case that leaks state between rounds.
   */
  checksum(): number;
}

/** Something to measure. */
export interface BenchCase {
  readonly name: string;
  /** Builds a fresh state (untimed) and returns the round to time. */
  prepare(): PreparedRound;
}

/** Summary of one case's round times, in nanoseconds. */
export interface Stats {
  medianNs: number;
  minNs: number;
  maxNs: number;
  /** First and third quartiles (linear interpolation, like numpy's default). */
  q1Ns: number;
  q3Ns: number;
}

/** What {@link measure} found for one case. */
export interface CaseResult {
  name: string;
  /** Round times in the order they were taken. */
  samplesNs: number[];
  stats: Stats;
  checksum: number;
}

/** How {@link measure} runs. */
export interface MeasureOptions {
  /** Timed rounds per case (at least 1). */
  rounds: number;
  /** Warm-up per case: at least this many untimed rounds... */
  warmupRounds?: number;
  /** ...and at least this long, so short cases reach V8's optimising tiers. */
  warmupNs?: number;
  clock?: Clock;
  /** Progress lines (for stderr). */
  onProgress?: (line: string) => void;
}

const DEFAULTS = { warmupRounds: 2, warmupNs: 100_000_000 };

/**
 * Measures `cases`: each is warmed up, then rounds run in turn (round 1 of every case,
 * then round 2, ...), so slow drift of the machine (other load, clock boost) spreads over
 * all cases instead of favouring whichever ran first.
 *
 * @throws Error when a case's checksum differs between rounds.
 */
export function measure(cases: readonly BenchCase[], options: MeasureOptions): CaseResult[] {
  const progress = options.onProgress ?? (() => {});
  if (!Number.isSafeInteger(options.rounds) || options.rounds < 1) {
    throw new RangeError(`rounds must be a positive integer, got ${options.rounds}`);
  }
  const runs = cases.map((c) => caseRun(c, options));
  runs.forEach((run, i) => {
    progress(`warming up ${cases[i]!.name}`);
    run.benchmark.warmUp();
  });
  for (let round = 1; round <= options.rounds; round++) {
    progress(`round ${round}/${options.rounds}`);
    for (const run of runs) run.timed(round);
  }
  return runs.map((run, i) => ({
    name: cases[i]!.name,
    samplesNs: run.samplesNs,
    stats: summarize(run.samplesNs),
    checksum: run.checksum!,
  }));
}

interface CaseRun {
  benchmark: Benchmark<PreparedRound>;
  samplesNs: number[];
  checksum: number | undefined;
  /** Times round `round` and checks its checksum. */
  timed(round: number): void;
}

/**
 * One case as a hotpath benchmark: `setup` prepares the round (untimed), the timed call is
 * `round.run()`, and `teardown` reads the checksum after the clock stopped. Warm-up rounds
 * compute their checksum too (it is part of the round) but only timed rounds are compared.
 */
function caseRun(c: BenchCase, options: MeasureOptions): CaseRun {
  let timedRound = 0;
  const run: CaseRun = {
    samplesNs: [],
    checksum: undefined,
    benchmark: new Benchmark((round: PreparedRound) => round.run(), {
      ...(options.clock ? { clock: options.clock } : {}),
      // Rounds of one call on a fresh set: the timer facts (resolution, empty-call cost) are
      // for batched calls and not used here, so they are not measured (0.1 s saved).
      timer: { resolutionNs: 1, overheadNs: 0 },
      warmupRounds: options.warmupRounds ?? DEFAULTS.warmupRounds,
      warmupNs: options.warmupNs ?? DEFAULTS.warmupNs,
      setup: () => c.prepare(),
      teardown: (round) => {
        const checksum = round.checksum();
        if (timedRound > 0) run.checksum = checkSame(c.name, timedRound, run.checksum, checksum);
      },
    }),
    timed(round) {
      timedRound = round;
      run.samplesNs.push(run.benchmark.round());
    },
  };
  return run;
}

function checkSame(name: string, round: number, first: number | undefined, now: number): number {
  // Object.is, so that a NaN checksum equals itself and -0 is told from 0.
  if (first !== undefined && !Object.is(first, now)) {
    throw new Error(`${name}: round ${round} gave checksum ${now}, round 1 gave ${first}`);
  }
  return now;
}

/**
 * Median, extremes and quartiles of `samples` (not empty).
 *
 * @throws RangeError for an empty list.
 */
export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new RangeError('no samples to summarize');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianNs: quantile(sorted, 0.5),
    minNs: sorted[0]!,
    maxNs: sorted[sorted.length - 1]!,
    q1Ns: quantile(sorted, 0.25),
    q3Ns: quantile(sorted, 0.75),
  };
}

/** The q-quantile of sorted values, interpolating linearly between neighbours. */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}
