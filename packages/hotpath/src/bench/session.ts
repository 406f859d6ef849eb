/**
 * `hotpath bench` from parsed options to exit code: find the files, load the run to compare
 * with (before spending any time), run the files, print the report, save, plot, and fail on
 * regressions. Exit codes: 0 fine; 1 a test failed, nothing was measured, or performance
 * regressed; 2 bad input (no such files, no such or a corrupt saved run).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RegressionCheck } from './compare.js';
import { findBenchFiles, NoFilesError } from './files.js';
import { renderBoxPlot, type PlotGroup } from './histogram.js';
import { machineId } from './machine.js';
import { benchmarkNotes } from './notes.js';
import { progressLine } from './progress.js';
import { baselineLabel, groupBenchmarks, renderBenchReport, sortBenchmarks, type Baseline, type GroupKey, type SortKey } from './report.js';
import { buildRun } from './results.js';
import { runBenchFiles } from './run-files.js';
import { findRun, loadRun, saveRun, StorageError, storedRun, type BenchRun } from './storage.js';
import type { Column, TimeUnitChoice } from './table.js';
import { writeFileAtomicSync } from '../atomic-file.js';

/** The options of `hotpath bench`. */
export interface BenchCommandOptions {
  /**
   * Files, directories or globs (none: every *.bench.* file); `file::name` measures only the
   * benchmark `name` of that file, as pytest's node ids select one test.
   */
  patterns: string[];
  sort: SortKey;
  json: boolean;
  /** Save the run, with this label (true: the commit id). */
  save?: string | true;
  /** Compare with this saved run (a number or a path; true: the latest). */
  compare?: string | true;
  checks: RegressionCheck[];
  /** Write an SVG box plot here (true: `benchmark_<date>_<time>.svg`). */
  histogram?: string | true;
  /** Where runs are saved (default `.benchmarks`). */
  storage: string;
  minRounds?: number;
  /** Total time of the timed rounds, at least (`--max-time`, pytest-benchmark's name). */
  minTimeNs?: number;
  /** The shortest round calibration accepts (`--min-time`). */
  minRoundNs?: number;
  warmupNs?: number;
  namePattern?: string;
  columns?: Column[];
  timeUnit?: TimeUnitChoice;
  groupBy?: GroupKey[];
  /** Profile one round of each benchmark, sorted by this column (`--cprofile`). */
  cprofile?: string;
  /** Collections as rare as V8 allows (`--disable-gc`). */
  disableGc?: boolean;
  cwd: string;
}

/** Where the command writes. */
export interface CommandIo {
  stdout(text: string): void;
  stderr: { write(text: string): void; isTTY: boolean };
}

/** Runs `hotpath bench`; resolves to its exit code. */
export async function benchCommand(options: BenchCommandOptions, io: CommandIo): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr.write(`hotpath bench: ${message}\n`);
    return code;
  };
  let files: string[];
  let only: string[] | undefined;
  let baseline: Baseline | undefined;
  try {
    ({ files, only } = selectedFiles(options.patterns, options.cwd));
    baseline = options.compare === undefined ? undefined : loadBaseline(options);
  } catch (error) {
    if (error instanceof NoFilesError || error instanceof StorageError) return fail(error.message, 2);
    throw error;
  }
  const progress = progressLine(io.stderr);
  const { minRounds, minTimeNs, minRoundNs, warmupNs, cprofile } = options;
  const result = await runBenchFiles({
    files,
    settings: definedOnly({ minRounds, minTimeNs, minRoundNs, warmupNs, only, cprofile }),
    cwd: options.cwd,
    ...(options.namePattern === undefined ? {} : { namePattern: options.namePattern }),
    ...(options.disableGc ? { rareGc: true } : {}),
    onStart: progress.onStart,
    onResult: progress.onResult,
  }).finally(progress.done);
  if (result.exitCode !== 0) io.stderr.write(result.output);
  if (result.records.length === 0) {
    return fail(result.exitCode !== 0 ? 'the tests failed before any benchmark ran' : 'no benchmarks ran: the files call no bench(t, ...)', 1);
  }
  const run = buildRun(result.records, options.cwd);
  const { columns, timeUnit, groupBy } = options;
  const report = renderBenchReport(run, {
    sort: options.sort,
    ...(baseline ? { baseline } : {}),
    checks: options.checks,
    ...definedOnly({ columns, timeUnit, groupBy }),
  });
  io.stdout(options.json ? `${JSON.stringify(jsonReport(run, baseline, report), null, 2)}\n` : report.text);
  if (options.save !== undefined && result.exitCode === 0) save(run, options, io);
  if (options.histogram !== undefined) plot(run, baseline, options, io);
  if (result.exitCode !== 0) return fail(`tests failed (node --test exited with ${result.exitCode})`, 1);
  if (report.regressions.length) return fail('ERROR: Performance has regressed.', 1);
  return 0;
}

// Patterns as files, and with `file::name` patterns, the benchmarks to measure: `file::name`
// for a picked one, `file::` for every benchmark of a file named whole (undefined: all).
function selectedFiles(patterns: readonly string[], cwd: string): { files: string[]; only: string[] | undefined } {
  // As the fixture names its file: relative to the working directory, even from outside it.
  const slashed = (file: string) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  const selectors = patterns.flatMap((pattern) => {
    const [file, name] = pattern.includes('::') ? (pattern.split(/::(.*)/s) as [string, string]) : [pattern, ''];
    return findBenchFiles([file], cwd).map((f) => ({ file: f, selector: `${slashed(f)}::${name}` }));
  });
  const files = patterns.length ? [...new Set(selectors.map((s) => s.file))].sort() : findBenchFiles([], cwd);
  const picked = patterns.some((pattern) => pattern.includes('::'));
  return { files, only: picked ? selectors.map((s) => s.selector) : undefined };
}

// `--storage` relative to the working directory, or as given when absolute.
function storageDir(options: BenchCommandOptions): string {
  return path.resolve(options.cwd, options.storage);
}

function loadBaseline(options: BenchCommandOptions): Baseline {
  const dir = path.join(storageDir(options), machineId());
  const which = options.compare === true ? undefined : options.compare;
  const file = findRun(dir, which);
  const run = loadRun(path.resolve(options.cwd, file), file);
  const inStorage = path.relative(storageDir(options), path.resolve(options.cwd, file));
  return { run, name: inStorage.startsWith('..') ? file : inStorage.split(path.sep).join('/') };
}

function save(run: BenchRun, options: BenchCommandOptions, io: CommandIo): void {
  const label = options.save === true ? (run.commit.id === 'unversioned' ? 'unversioned' : run.commit.id.slice(0, 12)) : options.save!;
  const file = saveRun(run, path.join(storageDir(options), run.machineId), label);
  const shown = path.relative(options.cwd, file);
  io.stderr.write(`Saved benchmark data in: ${shown.startsWith('..') ? file : shown}\n`);
}

function plot(run: BenchRun, baseline: Baseline | undefined, options: BenchCommandOptions, io: CommandIo): void {
  const stamp = run.datetime.replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const file = path.resolve(options.cwd, options.histogram === true ? `benchmark_${stamp}.svg` : options.histogram!);
  const saved = new Map(baseline?.run.benchmarks.map((b) => [b.fullname, b]));
  const label = baseline ? baselineLabel(baseline.name) : '';
  const groups: PlotGroup[] = groupBenchmarks(sortBenchmarks(run.benchmarks, options.sort)).map(({ group, benchmarks }) => ({
    group,
    rows: benchmarks.flatMap((b) => {
      const before = saved.get(b.fullname);
      const rows = before
        ? [
            { name: `${b.name} (${label})`, b: before },
            { name: `${b.name} (NOW)`, b },
          ]
        : [{ name: b.name, b }];
      return rows.map(({ name, b: x }) => ({ name, samples: x.roundsNs.map((ns) => ns / x.iterations), stats: x.stats }));
    }),
  }));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, renderBoxPlot(groups));
  io.stderr.write(`Generated histogram: ${path.relative(options.cwd, file)}\n`);
}

// The run as saved, plus what is derived from it: the notes (flags) and the comparison.
function jsonReport(run: BenchRun, baseline: Baseline | undefined, report: ReturnType<typeof renderBenchReport>) {
  const notes = run.benchmarks.flatMap(benchmarkNotes);
  if (!baseline) return { ...storedRun(run), notes };
  const findings = [...report.regressions, ...report.noise].map((f) => ({
    fullname: f.fullname,
    field: f.check.field,
    kind: f.check.kind,
    threshold: f.check.threshold,
    value: f.value,
    verdict: f.inNoise ? 'noise' : 'regression',
  }));
  return { ...storedRun(run), notes, comparison: { against: baseline.name, findings } };
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
