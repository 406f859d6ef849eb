/**
 * What `python -m timeit` prints, character for character:
 *
 * ```text
 * 20 loops, best of 5: 19.9 msec per loop
 * ```
 *
 * Times take 3 significant digits (`%.3g`) in the largest of sec, msec, usec, nsec that the
 * time reaches (nsec below that).
 */

/** The units of `-u/--unit`, with their seconds. */
export const TIMEIT_UNITS = { nsec: 1e-9, usec: 1e-6, msec: 1e-3, sec: 1 } as const;
/** One of {@link TIMEIT_UNITS}. */
export type TimeitUnit = keyof typeof TIMEIT_UNITS;

/** Python's `format_time`: `2.2 sec`, `256 msec`, `5.05 nsec`. */
export function formatTime(seconds: number, unit?: TimeitUnit, precision = 3): string {
  const chosen = unit ?? (Object.keys(TIMEIT_UNITS) as TimeitUnit[]).reverse().find((u) => seconds >= TIMEIT_UNITS[u]) ?? 'nsec';
  return `${formatG(seconds / TIMEIT_UNITS[chosen], precision)} ${chosen}`;
}

/** The result line: `N loop(s), best of R: X unit per loop`. */
export function resultLine(number: number, repeat: number, bestSeconds: number, unit?: TimeitUnit): string {
  return `${number} loop${number === 1 ? '' : 's'}, best of ${repeat}: ${formatTime(bestSeconds, unit)} per loop`;
}

/**
 * The warning when the slowest repeat took at least 4 times the fastest (Python's threshold),
 * worded as IPython's `%timeit` words it; null when the repeats agree.
 */
export function spreadWarning(perLoop: readonly number[]): string | null {
  const best = Math.min(...perLoop);
  const worst = Math.max(...perLoop);
  if (!(best > 0) || worst < best * 4) return null;
  return `The slowest run took ${(worst / best).toFixed(2)} times longer than the fastest. ` + 'This could mean that an intermediate result is being cached.';
}

/** C's `%.{precision}g`: significant digits, trailing zeros dropped, exponent when far out. */
export function formatG(value: number, precision = 3): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const [mantissa, exponentText] = value.toExponential(precision - 1).split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= precision) {
    const digits = stripZeros(mantissa!);
    const sign = exponent < 0 ? '-' : '+';
    return `${digits}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return stripZeros(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
