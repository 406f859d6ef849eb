// `hotpath bench compare [runs...]`: saved runs side by side, as `pytest-benchmark compare`.
//   hotpath bench compare            every saved run of this machine
//   hotpath bench compare 1 3        runs 0001 and 0003
//   hotpath bench compare '*base*'   the runs whose file names match
import path from 'node:path';
import type { Command } from 'commander';
import { renderRunsComparison, type NamedRun } from '../bench/compare-runs.js';
import { globToRegExp } from '../bench/files.js';
import { machineId } from '../bench/machine.js';
import type { GroupKey, SortKey } from '../bench/report.js';
import { listRuns, loadRun, STORAGE_ROOT, StorageError } from '../bench/storage.js';
import type { Column, TimeUnitChoice } from '../bench/table.js';
import { addTableOptions } from './bench-table-options.js';

interface CompareValues {
  sort: SortKey;
  columns?: Column[];
  timeUnit?: TimeUnitChoice;
  groupBy?: GroupKey[];
  storage: string;
}

/** Adds `compare` under `hotpath bench`. */
export function registerBenchCompare(bench: Command): Command {
  const compare = bench
    .command('compare')
    .description(
      `print saved runs side by side, as pytest-benchmark compare does: run numbers, .json paths, or globs over the ` +
        `file names in ${STORAGE_ROOT}/<machine>/ (default: every saved run of this machine)`,
    )
    .argument('[runs...]', 'runs to compare: 2, 0002, a path to a .json file, or a glob such as *base*')
    .option('--storage <dir>', 'where runs are saved', STORAGE_ROOT)
    .showHelpAfterError(false);
  return addTableOptions(compare).action((runs: string[], values: CompareValues) => {
    try {
      const named = findRuns(runs, path.resolve(values.storage, machineId()));
      process.stdout.write(renderRunsComparison(named, values));
    } catch (error) {
      if (!(error instanceof StorageError)) throw error;
      process.stderr.write(`hotpath bench compare: ${error.message}\n`);
      process.exitCode = 2;
    }
  });
}

// Each argument picks runs (in the order given, each once); none: all of them.
function findRuns(args: readonly string[], dir: string): NamedRun[] {
  const saved = listRuns(dir);
  const files = args.length === 0 ? saved.map((run) => run.file) : args.flatMap((arg) => pick(arg, saved, dir));
  if (files.length === 0) throw new StorageError(`no saved runs in ${dir} (save one with hotpath bench --save)`);
  return [...new Set(files)].map((file) => {
    const name = path.relative(path.dirname(dir), file).split(path.sep).join('/');
    return { name: name.startsWith('..') ? file : name, run: loadRun(file, name) };
  });
}

function pick(arg: string, saved: { number: number; file: string }[], dir: string): string[] {
  if (/^\d+$/.test(arg)) {
    const found = saved.find((run) => run.number === Number(arg));
    if (!found) throw new StorageError(`no saved run ${arg.padStart(4, '0')} in ${dir}`);
    return [found.file];
  }
  if (arg.endsWith('.json') && !/[*?{]/.test(arg)) return [path.resolve(arg)];
  const pattern = globToRegExp(arg);
  const matches = saved.filter((run) => pattern.test(path.basename(run.file)));
  if (matches.length === 0) throw new StorageError(`no saved run in ${dir} matches '${arg}'`);
  return matches.map((run) => run.file);
}
