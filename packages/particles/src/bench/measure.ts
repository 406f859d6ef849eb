/**
 * A small measuring loop: warm up, then time one call per round, rounds interleaved across
 * cases. Kept apart from the CLI and from the particles so that `particles bench` can move
 * onto hotpath's benchmark harness when that exists, by replacing this module.
 *
 * Times are integer nanoseconds throughout.
 */

/** A monotonic clock in nanoseconds; injected so tests can drive it. */
export type Clock = () => bigint;

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
  const clock = options.clock ?? process.hrtime.bigint;
  const progress = options.onProgress ?? (() => {});
  if (!Number.isSafeInteger(options.rounds) || options.rounds < 1) {
    throw new RangeError(`rounds must be a positive integer, got ${options.rounds}`);
  }
  for (const c of cases) {
    progress(`warming up ${c.name}`);
    warmUp(c, clock, options);
  }
  const samples = cases.map((): number[] => []);
  const checksums = cases.map((): number | undefined => undefined);
  for (let round = 1; round <= options.rounds; round++) {
    progress(`round ${round}/${options.rounds}`);
    cases.forEach((c, i) => {
      const { elapsedNs, checksum } = timeRound(c, clock);
      samples[i]!.push(elapsedNs);
      checksums[i] = checkSame(c.name, round, checksums[i], checksum);
    });
  }
  return cases.map((c, i) => ({
    name: c.name,
    samplesNs: samples[i]!,
    stats: summarize(samples[i]!),
    checksum: checksums[i]!,
  }));
}

function warmUp(c: BenchCase, clock: Clock, options: MeasureOptions): void {
  const minRounds = options.warmupRounds ?? DEFAULTS.warmupRounds;
  const minNs = BigInt(options.warmupNs ?? DEFAULTS.warmupNs);
  const start = clock();
  for (let done = 0; done < minRounds || clock() - start < minNs; done++) {
    timeRound(c, clock);
  }
}

function timeRound(c: BenchCase, clock: Clock): { elapsedNs: number; checksum: number } {
  const round = c.prepare();
  const start = clock();
  round.run();
  const elapsedNs = Number(clock() - start);
  return { elapsedNs, checksum: round.checksum() };
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
