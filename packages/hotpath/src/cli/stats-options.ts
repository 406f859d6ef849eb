// The report options shared by `hotpath stats` and `hotpath profile`: added to a command in
// one place, validated while commander parses (a bad value is a usage error, exit 2), and
// turned into the typed options of the report renderers.
import { InvalidArgumentError, Option, type Command, type OptionValues } from 'commander';
import { TIME_UNITS, type TimeUnit } from '../report/format.js';
import type { ReportOptions } from '../report/report.js';
import { parseSortKey, SORT_KEY_NAMES, type SortKey } from '../report/sort.js';

export { renderReport, type ReportOptions } from '../report/report.js';

/**
 * Adds the report options to `command`: `-s/--sort`, `--reverse`, `--limit`, `--filter`, `--callers`,
 * `--callees`, `--strip-dirs`, `--show-internals`, `--show-node-modules`, `--unit`.
 * Read them back with {@link statsOptions}.
 */
export function addStatsOptions(command: Command): Command {
  return command
    .option('-s, --sort <key>', `sort by KEY; repeat or comma-separate for ties (${SORT_KEY_NAMES.join(', ')}) ` + '(default: tottime)', collectSortKeys)
    .option('--reverse', "the sorted rows in reverse order, as pstats' reverse_order()")
    .option('--limit <n>', 'show the first N rows, or a fraction of them (0.1: the top tenth)', parseLimit)
    .option('--filter <regex>', 'show the functions whose file:line(name) matches REGEX', checkRegex)
    .option('--callers <name>', 'show who called the functions matching NAME (a regex)', checkRegex)
    .option('--callees <name>', 'show what the functions matching NAME (a regex) called', checkRegex)
    .option('--strip-dirs', 'show file names without their directories')
    .option('--show-internals', 'show Node internals and node_modules function by function (default: one row each)')
    .option('--show-node-modules', 'show node_modules function by function (Node internals stay folded)')
    .addOption(new Option('--unit <unit>', 'unit of the times').choices(TIME_UNITS).default('s'));
}

/** The report options from a command's parsed options (`command.opts()`). */
export function statsOptions(values: OptionValues): ReportOptions {
  const options: ReportOptions = {
    sort: (values.sort as SortKey[] | undefined) ?? ['tottime'],
    unit: (values.unit as TimeUnit | undefined) ?? 's',
    stripDirs: values.stripDirs === true,
    showInternals: values.showInternals === true,
    showNodeModules: values.showNodeModules === true,
    reverse: values.reverse === true,
  };
  // Absent options stay absent: the renderers read `undefined` as "not asked".
  for (const key of ['limit', 'filter', 'callers', 'callees'] as const) {
    if (values[key] !== undefined) (options as Record<string, unknown>)[key] = values[key];
  }
  return options;
}

function collectSortKeys(value: string, previous: SortKey[] | undefined): SortKey[] {
  const keys = value.split(',').map((word) => {
    const key = parseSortKey(word.trim());
    if (!key) {
      const known = SORT_KEY_NAMES.join(', ');
      throw new InvalidArgumentError(`unknown sort key '${word}' (expected one of: ${known})`);
    }
    return key;
  });
  return [...(previous ?? []), ...keys];
}

// pstats' print_stats(amount): an integer keeps that many rows, a float in (0, 1) a share.
function parseLimit(value: string): number {
  const amount = Number(value);
  const count = Number.isSafeInteger(amount) && amount >= 0;
  const fraction = amount > 0 && amount < 1;
  if (value.trim() === '' || !(count || fraction)) {
    throw new InvalidArgumentError('expected a count (0, 1, 2, ...) or a fraction between 0 and 1');
  }
  return amount;
}

// Kept as the string the user typed: the report echoes it in pstats' `restriction <'...'>`.
function checkRegex(value: string): string {
  try {
    new RegExp(value);
  } catch (error) {
    throw new InvalidArgumentError(`not a valid regular expression: ${(error as Error).message}`);
  }
  return value;
}
