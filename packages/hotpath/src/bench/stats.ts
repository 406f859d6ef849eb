/**
 * Statistics of a benchmark's rounds, defined exactly as pytest-benchmark defines them
 * (`pytest_benchmark/stats.py`), so that the table means what its readers expect:
 *
 * - times are per call: a round's time divided by the calls per round;
 * - `stddev` is the sample standard deviation (n - 1), 0 for one round;
 * - quartiles follow Wikipedia's "method 3" for an odd number of rounds and "method 2" (the
 *   medians of the lower and upper halves) for an even number;
 * - outliers are counted, never dropped: `a;b` where a is the rounds beyond one standard
 *   deviation from the mean and b those beyond 1.5 IQR below Q1 or above Q3 (Tukey);
 * - OPS is 1 / mean, in calls per second.
 */

/** Summary of one benchmark's rounds; times in ns per call. */
export interface BenchStats {
  min: number;
  max: number;
  mean: number;
  stddev: number;
  median: number;
  q1: number;
  q3: number;
  iqr: number;
  /** Rounds beyond mean ± stddev. */
  stddevOutliers: number;
  /** Rounds beyond [Q1 - 1.5 IQR, Q3 + 1.5 IQR]. */
  iqrOutliers: number;
  /** `stddevOutliers;iqrOutliers`, as pytest-benchmark prints them. */
  outliers: string;
  /** Calls per second: 1e9 / mean (Infinity for a mean of 0). */
  ops: number;
  rounds: number;
  /** Sum of all rounds, ns (not per call). */
  totalNs: number;
}

/**
 * The statistics of rounds of `iterations` calls each, `roundsNs` being each round's total.
 *
 * @throws RangeError for no rounds or a non-positive number of iterations.
 */
export function computeStats(roundsNs: readonly number[], iterations: number): BenchStats {
  if (roundsNs.length === 0) throw new RangeError('no rounds to compute statistics of');
  if (!(iterations >= 1)) throw new RangeError(`iterations must be >= 1, got ${iterations}`);
  const data = roundsNs.map((ns) => ns / iterations);
  const sorted = [...data].sort((a, b) => a - b);
  const n = data.length;
  const mean = data.reduce((sum, x) => sum + x, 0) / n;
  const stddev = n > 1 ? Math.sqrt(data.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1)) : 0;
  const q1 = lowerQuartile(sorted);
  const q3 = upperQuartile(sorted);
  const iqr = q3 - q1;
  const stddevOutliers = countOutside(data, mean - stddev, mean + stddev);
  const iqrOutliers = countOutside(data, q1 - 1.5 * iqr, q3 + 1.5 * iqr);
  return {
    min: sorted[0]!,
    max: sorted[n - 1]!,
    mean,
    stddev,
    median: median(sorted),
    q1,
    q3,
    iqr,
    stddevOutliers,
    iqrOutliers,
    outliers: `${stddevOutliers};${iqrOutliers}`,
    ops: 1e9 / mean,
    rounds: n,
    totalNs: roundsNs.reduce((sum, ns) => sum + ns, 0),
  };
}

/** The median of sorted values (mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number {
  const half = sorted.length >> 1;
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

function lowerQuartile(data: readonly number[]): number {
  const rounds = data.length;
  if (rounds === 1) return data[0]!;
  if (rounds % 2 === 0) return median(data.slice(0, rounds / 2));
  const n = Math.floor(rounds / 4);
  return rounds % 4 === 1 ? 0.25 * data[n - 1]! + 0.75 * data[n]! : 0.75 * data[n]! + 0.25 * data[n + 1]!;
}

function upperQuartile(data: readonly number[]): number {
  const rounds = data.length;
  if (rounds === 1) return data[0]!;
  if (rounds % 2 === 0) return median(data.slice(rounds / 2));
  const n = Math.floor(rounds / 4);
  return rounds % 4 === 1 ? 0.75 * data[3 * n]! + 0.25 * data[3 * n + 1]! : 0.25 * data[3 * n + 1]! + 0.75 * data[3 * n + 2]!;
}

function countOutside(data: readonly number[], low: number, high: number): number {
  return data.filter((x) => x < low || x > high).length;
}
