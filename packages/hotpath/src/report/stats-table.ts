// pstats' print_stats(): the header, `Ordered by:`, the restriction lines and the table.
import type { Profile } from '../model/profile.js';
import { ncallsText, weightFormat, type TimeUnit, type WeightFormat } from './format.js';
import { noteLines } from './notes.js';
import { functionRows, labelMatch, restrict, type NameOptions, type Restriction, type Row } from './rows.js';
import { orderedBy, sortRows, type SortKey } from './sort.js';

/** How a stats table (or a callers/callees list) is ordered, restricted and shown. */
export interface StatsOptions extends NameOptions {
  /** Sort keys, the first deciding; default `['tottime']`. */
  sort?: readonly SortKey[];
  /** Keep the first N rows (an integer), or that share of them (a fraction in (0, 1)). */
  limit?: number;
  /** Keep the rows whose `file:line(name)` matches (a regular expression). */
  filter?: string | RegExp;
  /** Unit of the time columns and the header; default `'s'`, as pstats prints. */
  unit?: TimeUnit;
  /** The sorted rows in reverse, as after pstats' `reverse_order()` (the limit then keeps the last). */
  reverse?: boolean;
  /** Lines printed above the header, as pstats prints the files it loaded. */
  sources?: readonly string[];
}

// pstats' title, `tottime`/`cumtime` (or the unit's headings) right-aligned over their columns.
function title(weights: WeightFormat): string {
  return `   ncalls${weights.selfHeading.padStart(9)}  percall${weights.cumHeading.padStart(9)}  percall filename:lineno(function)`;
}

/**
 * The stats table exactly as pstats' `print_stats()` lays it out, plus `Note:` lines under
 * the header where the profile's data is estimated or missing.
 */
export function renderStats(profile: Profile, options: StatsOptions = {}): string {
  const weights = weightFormat(profile, options.unit ?? 's');
  const lines: string[] = [];
  if (options.sources?.length) lines.push(...options.sources, '');
  lines.push(headerLine(profile, weights), ...noteLines(profile.meta), '');
  const { rows, heading } = selectRows(profile, options, []);
  lines.push(...heading, '');
  if (rows.length > 0) lines.push(title(weights), ...rows.map((row) => statsLine(row, weights)), '', '');
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Sorted and restricted rows with pstats' heading (`Ordered by:` and `List reduced` lines).
 * `first` restrictions apply before the filter and the limit (the callers/callees name).
 */
export function selectRows(profile: Profile, options: StatsOptions, first: readonly Restriction[]): { rows: Row[]; heading: string[] } {
  const keys = options.sort?.length ? options.sort : (['tottime'] as const);
  const sorted = sortRows(functionRows(profile, options), keys);
  if (options.reverse) sorted.reverse();
  const restrictions = [...first];
  if (options.filter !== undefined) restrictions.push(labelMatch(options.filter));
  if (options.limit !== undefined) restrictions.push({ kind: 'limit', amount: options.limit });
  const { rows, messages } = restrict(sorted, restrictions);
  return { rows, heading: [`   Ordered by: ${orderedBy(keys)}`, ...messages] };
}

// pstats: `print(indent, total_calls, "function calls", end=' ')` with an 8-space indent,
// hence nine spaces. Unknown counts are left out of the sums; all unknown prints `?`.
function headerLine(profile: Profile, weights: WeightFormat): string {
  let calls = 0;
  let primitive = 0;
  let known = false;
  let self = 0;
  for (const stats of profile.functions) {
    self += stats.self;
    if (stats.calls === null) continue;
    known = true;
    calls += stats.calls;
    primitive += stats.primitiveCalls ?? stats.calls;
  }
  const primitivePart = known && primitive !== calls ? ` (${primitive} primitive calls)` : '';
  const time = weights.total(self);
  return `         ${known ? calls : '?'} function calls${primitivePart} in ${time}`;
}

function statsLine(row: Row, weights: WeightFormat): string {
  const { calls, primitiveCalls, self, total } = row.stats;
  return [
    ncallsText(calls, primitiveCalls).padStart(9),
    weights.cell(self),
    perCall(self, calls, weights),
    weights.cell(total),
    perCall(total, primitiveCalls ?? calls, weights),
    row.label,
  ].join(' ');
}

// pstats leaves percall blank when the count is 0; an unknown count prints `?`.
function perCall(weight: number, calls: number | null, weights: WeightFormat): string {
  if (calls === null) return '?'.padStart(8);
  return calls === 0 ? ' '.repeat(8) : weights.cell(weight / calls);
}
