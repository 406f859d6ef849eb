// Numbers as the page prints them: the table in pstats' layout (three decimals in a chosen
// unit), elsewhere short human-readable times and shares.
import type { Unit, ViewData } from './data.js';

type Weight = NonNullable<ViewData['weight']>;

// What the page's numbers measure, set once when it starts (main.ts): time unless the
// profile says otherwise.
let weight: Weight = { unit: 'ns' };

/** Sets what every number of the page measures (the data's `weight`). */
export function setWeight(value: Weight | undefined): void {
  weight = value ?? { unit: 'ns' };
}

/** What the page's numbers are, in words: `bytes (allocated)`. */
export function weightWords(): string {
  const unit = weight.unit === 'count' ? 'events' : weight.unit;
  return weight.measure ? `${unit} (${weight.measure})` : unit;
}

/** Whether the page's numbers are times (the table's unit menu applies only then). */
export function weightsAreTime(): boolean {
  return weight.unit === 'ns';
}

const NS_PER: Record<Unit, number> = { s: 1e9, ms: 1e6, us: 1e3 };

/** Units in the order the unit menu lists them. */
export const UNITS: readonly Unit[] = ['s', 'ms', 'us'];

/** pstats' `%8.3f` of a time, without the padding. */
export function fixed(ns: number, unit: Unit): string {
  if (weight.unit !== 'ns') return String(Math.round(ns)); // whole bytes, counts, samples
  return (ns / NS_PER[unit]).toFixed(3);
}

/**
 * pstats' percall: blank for no calls, `?` for unknown ones. A time too small for three
 * decimals of the unit (pstats' `0.000` for 36 million calls of 80 ns) is shown in a unit
 * that fits instead, with the unit written: `80 ns`.
 */
export function perCall(ns: number, calls: number | null, unit: Unit): string {
  if (calls === null) return '?';
  if (calls === 0) return '';
  if (weight.unit !== 'ns') return (ns / calls).toFixed(1);
  const text = fixed(ns / calls, unit);
  return ns > 0 && Number(text) === 0 ? human(ns / calls) : text;
}

/** pstats' ncalls: `188000/750` when total and primitive calls differ, `?` when unknown. */
export function ncalls(calls: number | null, primitiveCalls: number | null): string {
  if (calls === null) return '?';
  return primitiveCalls === null || primitiveCalls === calls ? `${calls}` : `${calls}/${primitiveCalls}`;
}

/**
 * A weight with three significant digits in the unit that suits it: `47.5 ms`, `250 ns`;
 * for a bytes profile `1.50 MB`, `512 B`; counts and samples as integers.
 */
export function human(ns: number): string {
  if (weight.unit === 'bytes') return bytes(ns);
  if (weight.unit !== 'ns') return `${count(Math.round(ns))} ${weight.unit === 'count' ? 'events' : 'samples'}`;
  return humanTime(ns);
}

/** A time (a duration, an interval: time whatever the weights are) as {@link human} prints time. */
export function humanTime(ns: number): string {
  const abs = Math.abs(ns);
  const [value, unit] = abs >= 1e9 ? [ns / 1e9, 's'] : abs >= 1e6 ? [ns / 1e6, 'ms'] : abs >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  const digits = Math.abs(value) >= 100 || unit === 'ns' ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

// Binary multiples, as heap tools print them (Chrome DevTools, memory_profiler's MiB).
function bytes(n: number): string {
  const abs = Math.abs(n);
  const [value, unit] = abs >= 2 ** 30 ? [n / 2 ** 30, 'GiB'] : abs >= 2 ** 20 ? [n / 2 ** 20, 'MiB'] : abs >= 2 ** 10 ? [n / 2 ** 10, 'KiB'] : [n, 'B'];
  const digits = unit === 'B' || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A share as a percentage: `12.3%`, `<0.1%` for a small non-zero share. */
export function percent(share: number): string {
  if (!Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

/** An integer with thousands separators: `100,000`. */
export function count(n: number): string {
  // Not toLocaleString: its first call loads locale data, tens of milliseconds at page start.
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
