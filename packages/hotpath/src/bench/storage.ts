/**
 * Saved runs: `.benchmarks/<machine id>/NNNN_<label>.json`, as pytest-benchmark stores them.
 *
 * - **Never overwritten.** A run is written to a temporary file and hard-linked to its final
 *   name, which fails if the name exists; the number is then bumped and the link retried. Two
 *   runs saving at once get two numbers, and a reader never sees half a file.
 * - **Validated on load.** A missing, truncated or foreign file is a {@link StorageError}
 *   naming it; the statistics are recomputed from the stored rounds, never trusted.
 * - Rounds are integer ns (`"unit": "ns"`, `roundsNs`): what hotpath reads back. Each
 *   benchmark's `stats` are pytest-benchmark's, in its units (seconds per call, its field names:
 *   `stddev_outliers`, `ld15iqr`, `total`, ...), so `pytest-benchmark compare` reads the same
 *   files with the right times; hotpath recomputes its own from the rounds and never reads them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeTempBesideSync } from '../atomic-file.js';
import type { BenchRecord } from './channel.js';
import type { CommitInfo, MachineInfo } from './machine.js';
import { MAX_FILE_BYTES, MAX_ITEMS, MAX_TIME_NS } from '../model/limits.js';
import { computeStats, type BenchStats } from './stats.js';

/** The directory runs are saved under, relative to the working directory. */
export const STORAGE_ROOT = '.benchmarks';
/** The `format` field of a saved run. */
export const RUN_FORMAT = 'hotpath-bench';
/** The version of the saved-run format this hotpath writes and reads. */
export const RUN_FORMAT_VERSION = 1;

/** One benchmark of a run: its raw rounds and their statistics (ns per call). */
export interface RunBenchmark extends BenchRecord {
  stats: BenchStats;
}

/** A whole `hotpath bench` run: what `--save` writes and `--json` prints. */
export interface BenchRun {
  format: typeof RUN_FORMAT;
  version: number;
  unit: 'ns';
  /** ISO 8601, UTC. */
  datetime: string;
  machineId: string;
  machine: MachineInfo;
  commit: CommitInfo;
  benchmarks: RunBenchmark[];
}

/** A benchmark's statistics as pytest-benchmark stores them: times in seconds per call. */
export interface PytestStats {
  min: number;
  max: number;
  mean: number;
  stddev: number;
  rounds: number;
  median: number;
  iqr: number;
  q1: number;
  q3: number;
  iqr_outliers: number;
  stddev_outliers: number;
  outliers: string;
  /** Lowest call time within 1.5 IQR below Q1, highest within 1.5 IQR above Q3. */
  ld15iqr: number;
  hd15iqr: number;
  ops: number;
  /** Sum of all rounds, s. */
  total: number;
  iterations: number;
}

/** A run as written to disk and printed by `--json`: {@link BenchRun} with pytest-benchmark's stats. */
export type StoredRun = Omit<BenchRun, 'benchmarks'> & {
  benchmarks: Array<Omit<RunBenchmark, 'stats'> & { stats: PytestStats }>;
};

const NS_PER_S = 1e9;

/** The run as stored: each benchmark's stats in pytest-benchmark's schema and units. */
export function storedRun(run: BenchRun): StoredRun {
  return { ...run, benchmarks: run.benchmarks.map((b) => ({ ...b, stats: pytestStats(b) })) };
}

function pytestStats(b: RunBenchmark): PytestStats {
  const s = b.stats;
  const sorted = b.roundsNs.map((ns) => ns / b.iterations).sort((x, y) => x - y);
  const low = s.q1 - 1.5 * s.iqr;
  const high = s.q3 + 1.5 * s.iqr;
  const seconds = (ns: number) => ns / NS_PER_S;
  return {
    min: seconds(s.min),
    max: seconds(s.max),
    mean: seconds(s.mean),
    stddev: seconds(s.stddev),
    rounds: s.rounds,
    median: seconds(s.median),
    iqr: seconds(s.iqr),
    q1: seconds(s.q1),
    q3: seconds(s.q3),
    iqr_outliers: s.iqrOutliers,
    stddev_outliers: s.stddevOutliers,
    outliers: s.outliers,
    ld15iqr: seconds(sorted.find((x) => x >= low) ?? s.min),
    hd15iqr: seconds(sorted.findLast((x) => x <= high) ?? s.max),
    ops: s.ops,
    total: seconds(s.totalNs),
    iterations: b.iterations,
  };
}

/** Why a saved run could not be used. */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** A label made safe for a file name: anything but letters, digits, `.`, `-`, `_` becomes `_`. */
export function safeLabel(label: string): string {
  return label.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_') || '_';
}

/** The saved runs in `dir`, by number: `[{ number, file }]`, oldest first. */
export function listRuns(dir: string): { number: number; file: string }[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .map((name) => ({ match: /^(\d{4,})_.*\.json$/.exec(name), name }))
    .filter((entry) => entry.match)
    .map(({ match, name }) => ({ number: Number(match![1]), file: path.join(dir, name) }))
    .sort((a, b) => a.number - b.number);
}

/**
 * Saves `run` as the next `NNNN_<label>.json` in `dir` (created if needed); returns its path.
 * Never replaces an existing file.
 */
export function saveRun(run: BenchRun, dir: string, label: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const temporary = writeTempBesideSync(path.join(dir, 'run.json'), `${JSON.stringify(storedRun(run), null, 2)}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      const next = (listRuns(dir).at(-1)?.number ?? 0) + 1 + attempt;
      const target = path.join(dir, `${String(next).padStart(4, '0')}_${safeLabel(label)}.json`);
      if (placeOnce(temporary, target)) return target;
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

// Puts the finished file at `target` unless something is there; false when it is.
function placeOnce(temporary: string, target: string): boolean {
  try {
    fs.linkSync(temporary, target);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
  }
  // A file system without hard links: an exclusive copy still never overwrites.
  try {
    fs.copyFileSync(temporary, target, fs.constants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The saved run to compare with: `which` is a run number (`2`, `0002`), a path to a `.json`
 * file, or undefined for the latest run in `dir`.
 *
 * @throws StorageError when there is no such run.
 */
export function findRun(dir: string, which?: string): string {
  if (which !== undefined && !/^\d+$/.test(which)) return which;
  const runs = listRuns(dir);
  if (runs.length === 0) throw new StorageError(`no saved runs in ${dir} to compare with (save one with --save)`);
  if (which === undefined) return runs.at(-1)!.file;
  const found = runs.find((run) => run.number === Number(which));
  if (found) return found.file;
  const saved = runs.map((run) => String(run.number).padStart(4, '0')).join(', ');
  throw new StorageError(`no saved run ${which.padStart(4, '0')} in ${dir} (saved: ${saved})`);
}

/**
 * Reads and validates a saved run; `shown` is its name in messages (default: `location`).
 * @throws StorageError naming the file.
 */
export function loadRun(location: string, shown: string = location): BenchRun {
  const file = shown;
  let text: string;
  try {
    if (fs.statSync(location).size > MAX_FILE_BYTES) throw new StorageError(`${file} is not a saved run: it is too large to read`);
    text = fs.readFileSync(location, 'utf8');
  } catch (error) {
    if (error instanceof StorageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new StorageError(code === 'ENOENT' ? `no saved run ${file}: no such file` : `cannot read ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // V8 quotes the text around the error, which may hold line breaks: the message stays one line.
    throw new StorageError(`${file} is not a saved run: invalid JSON (${(error as Error).message.replace(/\s+/g, ' ')})`);
  }
  const problem = runProblem(data);
  if (problem) throw new StorageError(`${file} is not a saved run: ${problem}`);
  const run = data as BenchRun;
  for (const b of run.benchmarks) b.stats = computeStats(b.roundsNs, b.iterations);
  return run;
}

// Every field the report reads, with a sane range (see model/limits.ts): the statistics are
// recomputed from the rounds, so a round of 1e308 or NaN would print as Infinity or NaN.
function runProblem(data: unknown): string | null {
  const run = data as Partial<BenchRun> | null;
  if (typeof run !== 'object' || run === null || run.format !== RUN_FORMAT) return `no "format": "${RUN_FORMAT}"`;
  if (!Number.isSafeInteger(run.version) || run.version! < 1) return 'no format version';
  if (run.version! > RUN_FORMAT_VERSION) return `format version ${run.version} is newer than this hotpath reads (${RUN_FORMAT_VERSION})`;
  if (run.unit !== undefined && run.unit !== 'ns') return `"unit" must be "ns"`;
  if (!Array.isArray(run.benchmarks)) return 'no benchmarks list';
  if (run.benchmarks.length > MAX_ITEMS) return `more than ${MAX_ITEMS} benchmarks`;
  const names = new Set<string>();
  for (const [index, b] of run.benchmarks.entries()) {
    const problem = benchmarkProblem(b as unknown);
    if (problem) return `benchmark ${index} ${problem}`;
    if (names.has(b.fullname)) return `benchmark ${index} repeats the fullname of an earlier one (${b.fullname})`;
    names.add(b.fullname);
  }
  return null;
}

function benchmarkProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not an object';
  const b = value as Record<string, unknown>;
  if (typeof b.name !== 'string' || typeof b.fullname !== 'string') return 'lacks a name or fullname';
  if (b.group !== undefined && b.group !== null && typeof b.group !== 'string') return 'has a group that is not a string';
  if (!Number.isSafeInteger(b.iterations) || (b.iterations as number) < 1) return 'lacks iterations (an integer of at least 1)';
  const rounds = b.roundsNs;
  if (!Array.isArray(rounds) || rounds.length === 0 || rounds.length > MAX_ITEMS) return `lacks rounds (1 to ${MAX_ITEMS} of them)`;
  for (let i = 0; i < rounds.length; i++) {
    const ns: unknown = rounds[i];
    // A measured round takes time: 0 (or -0) would make the OPS column infinite.
    if (typeof ns !== 'number' || !(ns > 0 && ns <= MAX_TIME_NS)) return `has round ${i} that is not a time from 1 to ${MAX_TIME_NS} ns`;
  }
  return null;
}
