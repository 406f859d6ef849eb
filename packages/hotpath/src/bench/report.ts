/**
 * The report `hotpath bench` prints: one pytest-benchmark table per group, the legend, notes,
 * and with `--compare` the saved run's rows beside the current ones and the regression checks.
 */
import { failedChecks, failureMessage, type CheckFailure, type RegressionCheck } from './compare.js';
import { renderCProfile } from './cprofile.js';
import { benchmarkNotes, formatNs } from './notes.js';
import type { BenchStats } from './stats.js';
import type { BenchRun, RunBenchmark } from './storage.js';
import { LEGEND, renderTable, type Column, type TableGroup, type TableOptions, type TableRow, type TimeColumn, type TimeUnitChoice } from './table.js';

/** Orders of the rows (pytest-benchmark's `--benchmark-sort`, plus median, iqr and ops). */
export const SORT_KEYS = ['min', 'max', 'mean', 'stddev', 'median', 'iqr', 'ops', 'name', 'fullname'] as const;
/** One of {@link SORT_KEYS}. */
export type SortKey = (typeof SORT_KEYS)[number];

/**
 * What `--group-by` can group on (pytest-benchmark's `--benchmark-group-by`): the `group`
 * option of `bench()`, the benchmark's `name`, its `fullname` (`file::name`), its `file`,
 * `func` (the name without a trailing `[param]`) or `param` (that bracketed part).
 */
export const GROUP_KEYS = ['group', 'name', 'fullname', 'file', 'func', 'param'] as const;
/** One of {@link GROUP_KEYS}. */
export type GroupKey = (typeof GROUP_KEYS)[number];

/** A saved run to compare with. */
export interface Baseline {
  run: BenchRun;
  /** Its path relative to the storage root, e.g. `Linux-node20-x64/0002_base.json`. */
  name: string;
}

/** What the report should hold. */
export interface ReportOptions {
  sort: SortKey;
  baseline?: Baseline;
  checks?: readonly RegressionCheck[];
  /** The columns to show (default: all). */
  columns?: readonly Column[];
  timeUnit?: TimeUnitChoice;
  /** What makes a table: default `['group']`. */
  groupBy?: readonly GroupKey[];
}

/** A failed check, with the row it is about. */
export interface Finding extends CheckFailure {
  fullname: string;
  /** The saved run's row name, e.g. `evolve (0001_base)`. */
  row: string;
  before: BenchStats;
  now: BenchStats;
}

/** The rendered report and the verdicts behind it. */
export interface BenchReport {
  text: string;
  regressions: Finding[];
  noise: Finding[];
}

/** Renders `run` (and its comparison with `options.baseline`). */
export function renderBenchReport(run: BenchRun, options: ReportOptions): BenchReport {
  const { baseline } = options;
  const label = baseline ? baselineLabel(baseline.name) : '';
  const saved = new Map(baseline?.run.benchmarks.map((b) => [b.fullname, b]));
  const notes = run.benchmarks.flatMap(benchmarkNotes);
  const flagged = new Set(notes.filter((n) => n.flag).map((n) => n.fullname));
  const tables = groupBenchmarks(sortBenchmarks(run.benchmarks, options.sort), options.groupBy).map(({ group, benchmarks }): TableGroup => ({
    group,
    rows: benchmarks.flatMap((b) => {
      const name = displayName(b, benchmarks) + (flagged.has(b.fullname) ? ' *' : '');
      const before = saved.get(b.fullname);
      if (!baseline) return [row(name, b)];
      return [...(before ? [row(`${name} (${label})`, before)] : []), row(`${name} (NOW)`, b)];
    }),
  }));
  const lines: string[] = [];
  if (baseline) lines.push(`Comparing against benchmarks from: ${baseline.name}`);
  const tableOptions = tableOptionsFor(options);
  for (const table of tables) lines.push('', renderTable(table, tableOptions), '');
  lines.push(LEGEND);
  if (notes.length) lines.push('Notes:', ...notes.map((n) => `  ${n.flag ? '* ' : ''}${n.text}`));
  lines.push(...renderCProfile(run.benchmarks));
  const findings = baseline ? compareRuns(run, saved, label, options.checks ?? []) : [];
  const regressions = findings.filter((f) => !f.inNoise);
  const noise = findings.filter((f) => f.inNoise);
  const width = Math.max(...tables.map((t) => renderTable(t, tableOptions).split('\n')[0]!.length), 40);
  lines.push(...findingLines(noise, regressions, width));
  return { text: `${lines.join('\n')}\n`, regressions, noise };
}

/** The table settings of a report: the columns and unit asked for, the unit from the sort column. */
export function tableOptionsFor(options: Pick<ReportOptions, 'sort' | 'columns' | 'timeUnit'>): TableOptions {
  // pytest-benchmark picks the unit from the sort column, or from Min when sorting by name.
  const byTime = !['name', 'fullname', 'ops'].includes(options.sort);
  return {
    unitFrom: byTime ? (options.sort as TimeColumn) : 'min',
    ...(options.columns ? { columns: options.columns } : {}),
    ...(options.timeUnit ? { timeUnit: options.timeUnit } : {}),
  };
}

function row(name: string, b: RunBenchmark): TableRow {
  return { name, stats: b.stats, iterations: b.iterations };
}

/** pytest-benchmark names a saved run's rows by the first 12 characters of its file name. */
export function baselineLabel(name: string): string {
  return name
    .split('/')
    .pop()!
    .replace(/\.json$/, '')
    .slice(0, 12);
}

/** Sorts by a statistic (ascending; OPS descending, fastest first) or by name. */
export function sortBenchmarks(benchmarks: readonly RunBenchmark[], key: SortKey): RunBenchmark[] {
  const by = (b: RunBenchmark): number | string => (key === 'name' ? b.name : key === 'fullname' ? b.fullname : key === 'ops' ? -b.stats.ops : b.stats[key]);
  return [...benchmarks].sort((a, b) => {
    const [x, y] = [by(a), by(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * Benchmarks by group (or by the `groupBy` keys, their values joined by spaces), keeping their
 * order; the unnamed group first, then by name.
 */
export function groupBenchmarks(benchmarks: readonly RunBenchmark[], groupBy: readonly GroupKey[] = ['group']): { group: string | null; benchmarks: RunBenchmark[] }[] {
  const groups = new Map<string | null, RunBenchmark[]>();
  for (const b of benchmarks) {
    const key = groupKey(b, groupBy);
    groups.set(key, [...(groups.get(key) ?? []), b]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a ?? '').localeCompare(b ?? '')).map(([group, members]) => ({ group, benchmarks: members }));
}

function groupKey(b: RunBenchmark, groupBy: readonly GroupKey[]): string | null {
  const parts = groupBy.map((key) => groupValue(b, key)).filter((value) => value !== null);
  return parts.length ? parts.join(' ') : null;
}

function groupValue(b: RunBenchmark, key: GroupKey): string | null {
  const param = /^(.*?)\[(.*)\]$/.exec(b.name);
  if (key === 'func') return param ? param[1]! : b.name;
  if (key === 'param') return param ? param[2]! : null;
  return key === 'group' ? b.group : b[key];
}

// A name shared by benchmarks of several files is told apart by the file.
function displayName(b: RunBenchmark, group: readonly RunBenchmark[]): string {
  const shared = group.some((other) => other !== b && other.name === b.name);
  return shared ? `${b.name} [${b.file}]` : b.name;
}

function compareRuns(run: BenchRun, saved: Map<string, RunBenchmark>, label: string, checks: readonly RegressionCheck[]): Finding[] {
  return run.benchmarks.flatMap((now) => {
    const before = saved.get(now.fullname);
    if (!before) return [];
    return failedChecks(before.stats, now.stats, checks).map((failure) => ({
      ...failure,
      fullname: now.fullname,
      row: `${now.name} (${label})`,
      before: before.stats,
      now: now.stats,
    }));
  });
}

function findingLines(noise: readonly Finding[], regressions: readonly Finding[], width: number): string[] {
  const lines: string[] = [];
  const iqrs = (f: Finding) => `IQR before ${formatNs(f.before.q1)}–${formatNs(f.before.q3)}, now ${formatNs(f.now.q1)}–${formatNs(f.now.q3)}`;
  if (noise.length) {
    lines.push('', "Inside the noise (not counted as regressions: the runs' interquartile ranges overlap):");
    for (const f of noise) lines.push(`\t${f.row} - ${failureMessage(f)} (${iqrs(f)})`);
  }
  if (regressions.length) {
    lines.push('', '-'.repeat(width), 'Performance has regressed:');
    for (const f of regressions) lines.push(`\t${f.row} - ${failureMessage(f)} (${iqrs(f)}: apart)`);
    lines.push('-'.repeat(width));
  }
  return lines;
}
