/**
 * `hotpath bench compare`: saved runs side by side in one pytest-benchmark table per group,
 * as `pytest-benchmark compare` prints them: every run's row of a benchmark is named
 * `name (NNNN_label)` (the first 12 characters of the run's file name) and the ratios in a
 * table are to the best of its column over all the runs.
 */
import { baselineLabel, groupBenchmarks, sortBenchmarks, tableOptionsFor, type GroupKey, type SortKey } from './report.js';
import type { BenchRun, RunBenchmark } from './storage.js';
import { LEGEND, renderTable, type Column, type TableGroup, type TimeUnitChoice } from './table.js';

/** A saved run and its name in the storage (`Linux-node20-x64/0002_base.json`). */
export interface NamedRun {
  name: string;
  run: BenchRun;
}

/** How to lay the comparison out: the options of `hotpath bench`'s table. */
export interface RunsTableOptions {
  sort: SortKey;
  columns?: readonly Column[];
  timeUnit?: TimeUnitChoice;
  groupBy?: readonly GroupKey[];
}

/** The runs' benchmarks in tables, the legend under them. */
export function renderRunsComparison(runs: readonly NamedRun[], options: RunsTableOptions): string {
  const labelOf = new Map<RunBenchmark, string>();
  for (const { name, run } of runs) for (const b of run.benchmarks) labelOf.set(b, baselineLabel(name));
  const all = [...labelOf.keys()];
  const tables = groupBenchmarks(sortBenchmarks(all, options.sort), options.groupBy).map(({ group, benchmarks }): TableGroup => ({
    group,
    rows: benchmarks.map((b) => ({ name: `${b.name} (${labelOf.get(b)})`, stats: b.stats, iterations: b.iterations })),
  }));
  const tableOptions = tableOptionsFor(options);
  const lines = runs.map(({ name }) => `Run: ${name}`);
  for (const table of tables) lines.push('', renderTable(table, tableOptions), '');
  lines.push(LEGEND);
  return `${lines.join('\n')}\n`;
}
