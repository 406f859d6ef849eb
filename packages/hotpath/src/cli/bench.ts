// `hotpath bench [files or globs]`: runs node:test files whose tests call bench(t, fn), with
// the benchmarks measuring, and prints pytest-benchmark's table; --save, --compare and
// --compare-fail keep and check a history of runs in .benchmarks/.
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { CompareFailSyntaxError, parseCompareFail, type RegressionCheck } from '../bench/compare.js';
import { BENCH_FILE } from '../bench/files.js';
import type { GroupKey, SortKey } from '../bench/report.js';
import { benchCommand, type BenchCommandOptions } from '../bench/session.js';
import { CPROFILE_KEYS } from '../bench/cprofile.js';
import { STORAGE_ROOT } from '../bench/storage.js';
import type { Column, TimeUnitChoice } from '../bench/table.js';
import { addTableOptions } from './bench-table-options.js';
import { registerBenchCompare } from './bench-compare.js';

interface BenchValues {
  sort: SortKey;
  json?: boolean;
  save?: string | true;
  compare?: string | true;
  compareFail?: RegressionCheck[];
  histogram?: string | true;
  storage: string;
  minRounds?: number;
  maxTime?: number;
  minTime?: number;
  autosave?: boolean;
  warmup?: number;
  filter?: string;
  columns?: Column[];
  timeUnit?: TimeUnitChoice;
  groupBy?: GroupKey[];
  cprofile?: string | true;
  disableGc?: boolean;
}

/** Adds the `bench` command to the program. */
export function registerBench(program: Command): Command {
  const bench = program
    .command('bench')
    .description(
      'run node:test files whose tests call bench(t, fn) and print the pytest-benchmark table ' +
        '(files, directories or globs; default: every *.bench.* file outside node_modules and dist)',
    )
    .argument('[files...]', 'benchmark files, directories or globs; file::name measures one benchmark of a file')
    .option('--json', 'print the run as JSON (what --save writes) instead of the table')
    .option('--save [label]', `save the run as ${STORAGE_ROOT}/<machine>/NNNN_<label>.json (default label: the commit)`)
    .option('--autosave', 'save the run with the commit as its label (--save without a label)')
    .option('--compare [run]', 'compare with a saved run: its number, or a path (default: the latest)')
    .option('--compare-fail <expr>', 'fail (exit 1) when FIELD grew by more: min:5%, mean:0.001 (s), median:20us; repeatable; implies --compare', collectCheck)
    .option('--histogram [file]', "write an SVG box plot of every benchmark's rounds (default: benchmark_<date>_<time>.svg)")
    .option('--storage <dir>', 'where runs are saved', STORAGE_ROOT)
    .option('--min-rounds <n>', 'timed rounds per benchmark, at least (default 5)', positive('--min-rounds', true))
    .option('--max-time <seconds>', 'time of the timed rounds per benchmark, at least (default 1), as pytest-benchmark names it', positive('--max-time', false))
    .option(
      '--min-time <seconds>',
      'the shortest round, whose calls per round calibration grows to (default 0.0001; never under 1000 timer resolutions)',
      positive('--min-time', false),
    )
    .option('--warmup <seconds>', 'untimed warm-up per benchmark, at least (default 0.1)', positive('--warmup', false))
    .option('--cprofile [column]', `profile one more round of each benchmark and list its top functions by COLUMN: ${Object.keys(CPROFILE_KEYS).join(', ')} (default tottime)`)
    .option('--disable-gc', 'collections as rare as V8 allows (it cannot turn them off): a 64 MB young generation, scavenges ~17x rarer')
    .option('--filter <regex>', 'run only the tests whose name matches (node --test-name-pattern)')
    .showHelpAfterError(false);
  addTableOptions(bench).action(async (files: string[], values: BenchValues, self: Command) => {
    const options = commandOptions(files, values);
    if (options.cprofile !== undefined && !Object.hasOwn(CPROFILE_KEYS, options.cprofile)) {
      return self.error(`--cprofile ${options.cprofile}: the columns are ${Object.keys(CPROFILE_KEYS).join(', ')}`, { exitCode: 2, code: 'hotpath.bench' });
    }
    const io = { stdout: (text: string) => process.stdout.write(text), stderr: process.stderr };
    process.exitCode = await benchCommand(options, io);
  });
  registerBenchCompare(bench);
  return bench;
}

function commandOptions(files: string[], values: BenchValues): BenchCommandOptions {
  const patterns = [...files];
  const save = reclaim(values.save, patterns, (v) => !looksLikeFiles(v)) ?? (values.autosave ? true : undefined);
  const histogram = reclaim(values.histogram, patterns, (v) => v.endsWith('.svg') || !looksLikeFiles(v));
  // --compare-fail needs something to compare with: the latest run unless --compare says.
  const checks = values.compareFail ?? [];
  const compare = reclaim(values.compare, patterns, (v) => /^\d+$/.test(v) || v.endsWith('.json')) ?? (checks.length ? true : undefined);
  const options: BenchCommandOptions = {
    patterns,
    sort: values.sort,
    json: values.json === true,
    checks,
    storage: values.storage,
    cwd: process.cwd(),
  };
  if (save !== undefined) options.save = save;
  if (compare !== undefined) options.compare = compare;
  if (histogram !== undefined) options.histogram = histogram;
  if (values.minRounds !== undefined) options.minRounds = values.minRounds;
  if (values.maxTime !== undefined) options.minTimeNs = Math.round(values.maxTime * 1e9);
  if (values.minTime !== undefined) options.minRoundNs = Math.round(values.minTime * 1e9);
  if (values.warmup !== undefined) options.warmupNs = Math.round(values.warmup * 1e9);
  if (values.filter !== undefined) options.namePattern = values.filter;
  if (values.columns !== undefined) options.columns = values.columns;
  if (values.timeUnit !== undefined) options.timeUnit = values.timeUnit;
  if (values.groupBy !== undefined) options.groupBy = values.groupBy;
  const cprofile = reclaim(values.cprofile, patterns, (v) => Object.hasOwn(CPROFILE_KEYS, v) || !looksLikeFiles(v));
  if (values.disableGc) options.disableGc = true;
  if (cprofile !== undefined) options.cprofile = cprofile === true ? 'tottime' : cprofile;
  return options;
}

// `--save bench/x.bench.ts` means "save, and run this file": commander gives optional option
// values the next word, so a word that is clearly a file goes back to the file list.
function reclaim(value: string | true | undefined, files: string[], isValue: (v: string) => boolean): string | true | undefined {
  if (typeof value !== 'string' || isValue(value)) return value;
  files.unshift(value);
  return true;
}

function looksLikeFiles(value: string): boolean {
  return BENCH_FILE.test(value) || /[*?{]/.test(value) || fs.existsSync(value);
}

function collectCheck(value: string, previous: RegressionCheck[] | undefined): RegressionCheck[] {
  try {
    return [...(previous ?? []), parseCompareFail(value)];
  } catch (error) {
    if (error instanceof CompareFailSyntaxError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function positive(flag: string, integer: boolean): (value: string) => number {
  return (value) => {
    const n = value.trim() === '' ? NaN : Number(value);
    const valid = integer ? Number.isSafeInteger(n) && n >= 1 : Number.isFinite(n) && n >= 0;
    if (!valid) throw new InvalidArgumentError(`${flag} must be ${integer ? 'an integer >= 1' : 'a number of seconds >= 0'}.`);
    return n;
  };
}
