// Number and text formatting that matches what Python's pstats prints, byte for byte.
import type { WeightUnit } from '../model/profile.js';

/** Unit of the time columns: pstats prints seconds; JS functions often need finer ones. */
export type TimeUnit = 's' | 'ms' | 'us';

/** Every time unit, in the order `--unit` lists them. */
export const TIME_UNITS: readonly TimeUnit[] = ['s', 'ms', 'us'];

const NS_PER: Record<TimeUnit, number> = { s: 1e9, ms: 1e6, us: 1e3 };
const UNIT_WORDS: Record<TimeUnit, string> = { s: 'seconds', ms: 'milliseconds', us: 'microseconds' };

/** Nanoseconds in the given unit. */
export function inUnit(ns: number, unit: TimeUnit): number {
  return ns / NS_PER[unit];
}

/** The word the header uses for a unit (`in 0.047 seconds`). */
export function unitWord(unit: TimeUnit): string {
  return UNIT_WORDS[unit];
}

/** How tables print a profile's weights: time in the unit asked for, other units as they are. */
export interface WeightFormat {
  /** A weight in an 8-wide column. */
  cell(weight: number): string;
  /** The header's total: `0.047 seconds`, `1048576 bytes allocated`. */
  total(weight: number): string;
  /** Headings of the self and cumulative columns: `tottime`, `cumtime`; `totbytes`, `cumbytes`. */
  selfHeading: string;
  cumHeading: string;
}

const WEIGHT_WORDS: Record<Exclude<WeightUnit, 'ns'>, { word: string; self: string; cum: string }> = {
  bytes: { word: 'bytes', self: 'totbytes', cum: 'cumbytes' },
  count: { word: 'events', self: 'totcount', cum: 'cumcount' },
  samples: { word: 'samples', self: 'totsampl', cum: 'cumsampl' },
};

/** The {@link WeightFormat} of a profile (`unit` applies only to time). */
export function weightFormat(profile: { unit: WeightUnit; measure?: string }, unit: TimeUnit): WeightFormat {
  if (profile.unit === 'ns') {
    return { cell: (ns) => f8(inUnit(ns, unit)), total: (ns) => `${fixed3(inUnit(ns, unit))} ${unitWord(unit)}`, selfHeading: 'tottime', cumHeading: 'cumtime' };
  }
  const words = WEIGHT_WORDS[profile.unit];
  const measure = profile.measure ? ` ${profile.measure}` : '';
  return {
    // Whole units, as they were measured; a per-call share keeps one decimal.
    cell: (w) => (Number.isInteger(w) ? String(w) : w.toFixed(1)).padStart(8),
    total: (w) => `${w} ${words.word}${measure}`,
    selfHeading: words.self,
    cumHeading: words.cum,
  };
}

/**
 * Python's `'%.3f' % x`. JavaScript's toFixed rounds an exact tie up, Python rounds it to
 * even; a double ties at the third decimal only when x * 16 is an odd integer (x = k/16), so
 * only those values need the correction.
 */
export function fixed3(x: number): string {
  const sixteenths = x * 16; // exact: a power-of-two scaling
  if (Number.isInteger(sixteenths) && sixteenths % 2 !== 0) {
    const down = Math.floor(x * 1000); // x * 1000 = down + 0.5 exactly
    const even = down % 2 === 0 ? down : down + 1;
    return (even / 1000).toFixed(3);
  }
  return x.toFixed(3);
}

/** pstats' `f8`: `'%8.3f' % x`. */
export function f8(x: number): string {
  return fixed3(x).padStart(8);
}

/** pstats' ncalls text: `188000/750` when total and primitive differ, `?` when unknown. */
export function ncallsText(calls: number | null, primitiveCalls: number | null): string {
  if (calls === null) return '?';
  return primitiveCalls === null || primitiveCalls === calls ? `${calls}` : `${calls}/${primitiveCalls}`;
}

/** What Python's `repr()` prints for a string or number (the `<'factorial'>` of pstats). */
export function pythonRepr(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Python's `time.ctime()` of a date, in local time: `Wed Nov 25 17:05:58 2026`. */
export function ctime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const clock = `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const day = String(date.getDate()).padStart(2, ' ');
  return `${DAYS[date.getDay()]} ${MONTHS[date.getMonth()]} ${day} ${clock} ${date.getFullYear()}`;
}
