// Numbers as the page prints them: the table in pstats' layout (three decimals in a chosen
// unit), elsewhere short human-readable times and shares.
import type { Unit } from './data.js';

const NS_PER: Record<Unit, number> = { s: 1e9, ms: 1e6, us: 1e3 };

/** Units in the order the unit menu lists them. */
export const UNITS: readonly Unit[] = ['s', 'ms', 'us'];

/** pstats' `%8.3f` of a time, without the padding. */
export function fixed(ns: number, unit: Unit): string {
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
  const text = fixed(ns / calls, unit);
  return ns > 0 && Number(text) === 0 ? human(ns / calls) : text;
}

/** pstats' ncalls: `188000/750` when total and primitive calls differ, `?` when unknown. */
export function ncalls(calls: number | null, primitiveCalls: number | null): string {
  if (calls === null) return '?';
  return primitiveCalls === null || primitiveCalls === calls ? `${calls}` : `${calls}/${primitiveCalls}`;
}

/** A time with three significant digits in the unit that suits it: `47.5 ms`, `250 ns`. */
export function human(ns: number): string {
  const abs = Math.abs(ns);
  const [value, unit] =
    abs >= 1e9 ? [ns / 1e9, 's'] : abs >= 1e6 ? [ns / 1e6, 'ms'] : abs >= 1e3 ? [ns / 1e3, 'µs'] : [ns, 'ns'];
  const digits = Math.abs(value) >= 100 || unit === 'ns' ? 0 : Math.abs(value) >= 10 ? 1 : 2;
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
