/**
 * `--compare-fail`: pytest-benchmark's regression checks, plus a noise test.
 *
 * An expression is `FIELD:THRESHOLD` with FIELD one of min, max, mean, median, stddev, iqr and
 * THRESHOLD either a percentage (`min:5%`: fail when the field grew by more than 5%) or an
 * absolute difference (`mean:0.001`, in seconds as in pytest-benchmark, or with a unit:
 * `mean:250us`, `ns`, `us`/`µs`, `ms`, `s`).
 *
 * A threshold alone cannot tell a regression from a noisy machine, so a check that fails its
 * threshold is called a regression only if the two runs' interquartile ranges (the middle half
 * of their rounds) do not overlap; otherwise it is reported as inside the noise and does not
 * fail the run. The IQR is the spread pytest-benchmark's table already shows, and it is robust
 * to the odd slow round that would widen min-max or StdDev.
 */
import type { BenchStats } from './stats.js';

/** The statistics a check can look at. */
export const CHECK_FIELDS = ['min', 'max', 'mean', 'median', 'stddev', 'iqr'] as const;
/** One of {@link CHECK_FIELDS}. */
export type CheckField = (typeof CHECK_FIELDS)[number];

/** A parsed `--compare-fail` expression. */
export interface RegressionCheck {
  field: CheckField;
  /** `percent`: growth in %; `difference`: growth in ns. */
  kind: 'percent' | 'difference';
  threshold: number;
  /** The expression as typed. */
  text: string;
}

/** A malformed `--compare-fail` expression. */
export class CompareFailSyntaxError extends Error {
  override name = 'CompareFailSyntaxError';
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, '': 1e9 };
const EXPRESSION = /^([a-z]+):(?:(\d+(?:\.\d+)?)%|(\d*\.?\d+(?:[eE][-+]?\d+)?)(ns|us|µs|ms|s)?)$/;

/**
 * Parses `min:5%`, `mean:0.001` (seconds), `median:20us`...
 *
 * @throws CompareFailSyntaxError saying what is wrong.
 */
export function parseCompareFail(text: string): RegressionCheck {
  const match = EXPRESSION.exec(text.trim());
  const field = match?.[1] as CheckField | undefined;
  if (!match || !CHECK_FIELDS.includes(field!)) {
    throw new CompareFailSyntaxError(
      `could not parse --compare-fail '${text}': expected FIELD:PERCENT% or FIELD:DIFFERENCE[unit] ` +
        `with FIELD one of ${CHECK_FIELDS.join(', ')} (e.g. min:5%, mean:0.001, median:20us)`,
    );
  }
  if (match[2] !== undefined) return { field: field!, kind: 'percent', threshold: Number(match[2]), text };
  return { field: field!, kind: 'difference', threshold: Number(match[3]) * UNIT_NS[match[4] ?? '']!, text };
}

/** A check that exceeded its threshold for one benchmark. */
export interface CheckFailure {
  check: RegressionCheck;
  /** The growth: percent, or ns for a difference check. */
  value: number;
  /** True when the runs' IQRs overlap: reported, not counted as a regression. */
  inNoise: boolean;
}

/** The checks that `now` fails against `before` (statistics in ns per call). */
export function failedChecks(before: BenchStats, now: BenchStats, checks: readonly RegressionCheck[]): CheckFailure[] {
  const inNoise = iqrsOverlap(before, now);
  return checks.flatMap((check) => {
    const value = growth(check, before[check.field], now[check.field]);
    return value > check.threshold ? [{ check, value, inNoise }] : [];
  });
}

function growth(check: RegressionCheck, before: number, now: number): number {
  if (check.kind === 'difference') return now - before;
  return before ? (now / before) * 100 - 100 : Infinity;
}

/** Whether the middle halves of two runs' rounds overlap. */
export function iqrsOverlap(a: BenchStats, b: BenchStats): boolean {
  return a.q1 <= b.q3 && b.q1 <= a.q3;
}

/**
 * pytest-benchmark's message for a failure: `Field 'min' has failed
 * PercentageRegressionCheck: 24.992082805 > 5.000000000` (differences in seconds).
 */
export function failureMessage(failure: CheckFailure): string {
  const { check, value } = failure;
  const scale = check.kind === 'difference' ? 1e-9 : 1;
  const kind = check.kind === 'percent' ? 'PercentageRegressionCheck' : 'DifferenceRegressionCheck';
  return `Field '${check.field}' has failed ${kind}: ${(value * scale).toFixed(9)} > ${(check.threshold * scale).toFixed(9)}`;
}
