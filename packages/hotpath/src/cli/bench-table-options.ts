// The options that shape a pytest-benchmark table, shared by `hotpath bench` and
// `hotpath bench compare`, with pytest-benchmark's names.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { GROUP_KEYS, SORT_KEYS } from '../bench/report.js';
import { COLUMNS, TIME_UNITS } from '../bench/table.js';

/** The options that shape the table, shared by `bench` and `bench compare`. */
export function addTableOptions(command: Command): Command {
  return command
    .addOption(new Option('--sort <key>', 'order of the rows').choices(SORT_KEYS).default('min'))
    .option('--columns <list>', `the table's columns, comma-separated: ${COLUMNS.join(', ')}`, listOf('--columns', COLUMNS))
    .addOption(new Option('--time-unit <unit>', 'unit of the time columns (auto: from the sort column, as pytest-benchmark)').choices(TIME_UNITS))
    .option('--group-by <list>', `one table per value of, comma-separated: ${GROUP_KEYS.join(', ')} (default group)`, listOf('--group-by', GROUP_KEYS));
}

// `--columns min,max,ops`: words of a known list, each named if unknown.
function listOf<T extends string>(flag: string, known: readonly T[]): (value: string) => T[] {
  return (value) => {
    const words = value
      .split(',')
      .map((word) => word.trim())
      .filter(Boolean);
    const unknown = words.find((word) => !known.includes(word as T));
    if (unknown !== undefined || words.length === 0) {
      throw new InvalidArgumentError(`${flag}: ${unknown === undefined ? 'nothing given' : `unknown '${unknown}'`} (expected some of: ${known.join(', ')})`);
    }
    return words as T[];
  };
}
