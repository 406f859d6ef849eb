/**
 * The pytest-benchmark table (`pytest_benchmark/table.py`), column for column:
 *
 * ```text
 * ------------------------------------ benchmark 'group': 2 tests ------------------------------------
 * Name (time in ms)          Min                Max               Mean  ...  Rounds  Iterations
 * -----------------------------------------------------------------------------------------------------
 * evolve (0001_base)      6.9885 (1.0)       7.4792 (1.02)     7.1416 (1.00) ...    140           1
 * ```
 *
 * One unit per table, from the best value of the sort column (the minimum when sorted by
 * name), with pytest's thresholds and its names (`ns`, `us`, `ms`, `s`); OPS in ops/s, Kops/s
 * or Mops/s. With more than one row, each time and OPS cell carries its ratio to the best of
 * its column, `(1.0)` marking the best. Rows are printed in the order given.
 */
import type { BenchStats } from './stats.js';

/** One row of a table. */
export interface TableRow {
  name: string;
  stats: BenchStats;
  iterations: number;
}

/** The rows of one group, printed as one table. */
export interface TableGroup {
  /** The group's name; null for benchmarks given none. */
  group: string | null;
  rows: TableRow[];
}

const TIME_COLUMNS = ['min', 'max', 'mean', 'stddev', 'median', 'iqr'] as const;
/** A column of times. */
export type TimeColumn = (typeof TIME_COLUMNS)[number];
/** The table's columns, in pytest-benchmark's order (`--benchmark-columns` takes a subset). */
export const COLUMNS = ['min', 'max', 'mean', 'stddev', 'median', 'iqr', 'outliers', 'ops', 'rounds', 'iterations'] as const;
/** One of {@link COLUMNS}. */
export type Column = (typeof COLUMNS)[number];
/** `--time-unit`: a fixed unit for the time columns, or `auto` (pytest's thresholds). */
export const TIME_UNITS = ['ns', 'us', 'ms', 's', 'auto'] as const;
/** One of {@link TIME_UNITS}. */
export type TimeUnitChoice = (typeof TIME_UNITS)[number];

/** How to draw a table. */
export interface TableOptions {
  /** The column whose best value picks the unit with `auto` (pytest: the sort column). Default `min`. */
  unitFrom?: TimeColumn;
  /** The columns to show, in pytest-benchmark's order whatever order they are given in. Default: all. */
  columns?: readonly Column[];
  timeUnit?: TimeUnitChoice;
}

const UNIT_FACTORS: Record<Exclude<TimeUnitChoice, 'auto'>, [prefix: string, perSecond: number]> = {
  ns: ['n', 1e9],
  us: ['u', 1e6],
  ms: ['m', 1e3],
  s: ['', 1],
};

const LABELS: Record<Exclude<Column, 'ops'>, string> = {
  min: 'Min',
  max: 'Max',
  mean: 'Mean',
  stddev: 'StdDev',
  median: 'Median',
  iqr: 'IQR',
  outliers: 'Outliers',
  rounds: 'Rounds',
  iterations: 'Iterations',
};

/** The legend pytest-benchmark prints under its tables. */
export const LEGEND = [
  'Legend:',
  '  Outliers: 1 Standard Deviation from Mean; 1.5 IQR (InterQuartile Range) from 1st Quartile and 3rd Quartile.',
  '  OPS: Operations Per Second, computed as 1 / Mean',
].join('\n');

/**
 * The unit pytest-benchmark picks for a time in ns: [prefix, factor from seconds].
 * Under 1 µs: ns; under 1 ms: us; under 1 s: ms; else s.
 */
export function timeUnit(ns: number): [prefix: string, perSecond: number] {
  const seconds = ns / 1e9;
  if (seconds < 1e-6) return ['n', 1e9];
  if (seconds < 1e-3) return ['u', 1e6];
  if (seconds < 1) return ['m', 1e3];
  return ['', 1];
}

function opsUnit(ops: number): [prefix: string, factor: number] {
  if (ops > 1e6) return ['M', 1e-6];
  if (ops > 1e3) return ['K', 1e-3];
  return ['', 1];
}

/** One group as a pytest-benchmark table (title, header, rows, rules; no legend). */
export function renderTable(table: TableGroup, options: TableOptions = {}): string {
  const { rows } = table;
  if (rows.length === 0) return '';
  const shown = new Set(options.columns ?? COLUMNS);
  const columns = COLUMNS.filter((c) => shown.has(c));
  const best = bestValues(rows);
  const unit = options.timeUnit ?? 'auto';
  const [prefix, perSecond] = unit === 'auto' ? timeUnit(best[options.unitFrom ?? 'min']) : UNIT_FACTORS[unit];
  const adjust = perSecond / 1e9;
  const worstOps = Math.min(...rows.map((row) => row.stats.ops));
  const [opsPrefix, opsFactor] = opsUnit(worstOps);
  const solo = rows.length === 1;
  const rpadding = solo ? 0 : 10;
  const nameLabel = `Name (time in ${prefix}s)`;
  const opsLabel = opsPrefix ? `OPS (${opsPrefix}ops/s)` : 'OPS';
  const widths = columnWidths(rows, nameLabel, opsLabel, adjust, opsFactor, best.ops);
  const header = nameLabel.padEnd(widths.name) + columns.map((c) => (c === 'ops' ? opsLabel : LABELS[c]).padStart(widths[c]) + (padded(c) ? ' '.repeat(rpadding) : '')).join('');
  const rule = '-'.repeat(header.length);
  const title = center(` benchmark${table.group === null ? '' : ` ${pyRepr(table.group)}`}: ${rows.length} tests `, header.length, '-');
  const body = rows.map((row) => {
    const cells = columns.map((c) => {
      if (c === 'outliers' || c === 'rounds') return String(row.stats[c]).padStart(widths[c]);
      if (c === 'iterations') return String(row.iterations).padStart(widths[c]);
      const value = row.stats[c];
      const shown = c === 'ops' ? value * opsFactor : value * adjust;
      return groupThousands(shown.toFixed(4)).padStart(widths[c]) + ratio(best[c], value, rpadding);
    });
    return row.name.padEnd(widths.name) + cells.join('');
  });
  return [title, header, rule, ...body, rule].join('\n');
}

function padded(column: Column): boolean {
  return column !== 'outliers' && column !== 'rounds' && column !== 'iterations';
}

type Best = Record<TimeColumn | 'ops', number>;

// Best is the smallest time and the largest OPS, as in pytest-benchmark.
function bestValues(rows: readonly TableRow[]): Best {
  const best = { ops: Math.max(...rows.map((row) => row.stats.ops)) } as Best;
  for (const c of TIME_COLUMNS) best[c] = Math.min(...rows.map((row) => row.stats[c]));
  return best;
}

function columnWidths(rows: readonly TableRow[], nameLabel: string, opsLabel: string, adjust: number, opsFactor: number, bestOps: number): Record<Column | 'name', number> {
  const widest = (cells: string[]) => Math.max(...cells.map((cell) => cell.length));
  const widths = {
    name: 3 + Math.max(nameLabel.length, widest(rows.map((row) => row.name))),
    outliers: 2 + Math.max(LABELS.outliers.length, widest(rows.map((row) => row.stats.outliers))),
    rounds: 2 + Math.max(LABELS.rounds.length, widest(rows.map((row) => String(row.stats.rounds)))),
    iterations: 2 + Math.max(LABELS.iterations.length, widest(rows.map((row) => String(row.iterations)))),
    ops: 2 + Math.max(opsLabel.length, groupThousands((bestOps * opsFactor).toFixed(4)).length),
  } as Record<Column | 'name', number>;
  for (const c of TIME_COLUMNS) {
    const cells = rows.map((row) => groupThousands((row.stats[c] * adjust).toFixed(4)));
    widths[c] = 2 + Math.max(LABELS[c].length, widest(cells));
  }
  return widths;
}

// pytest-benchmark's compute_baseline_scale: the ratio to the column's best, left-aligned in
// `width` characters; nothing when the table has one row.
function ratio(best: number, value: number, width: number): string {
  if (width === 0) return '';
  if (value === best) return ' (1.0)'.padEnd(width);
  const scale = best ? Math.abs(value / best) : Infinity;
  if (scale > 1000) return (scale === Infinity ? ' (inf)' : ' (>1000.0)').padEnd(width);
  return ` (${scale.toFixed(2)})`.padEnd(width);
}

/** `1234567.8900` -> `1,234,567.8900`, as Python's `{:,.4f}`. */
export function groupThousands(fixed: string): string {
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** Python's `str.center`: the odd padding character goes left when the width is odd. */
export function center(text: string, width: number, fill: string): string {
  const margin = width - text.length;
  if (margin <= 0) return text;
  const left = Math.floor(margin / 2) + (margin & width & 1);
  return fill.repeat(left) + text + fill.repeat(margin - left);
}

/** Python's `repr` of a string, as pytest-benchmark quotes group names. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}
