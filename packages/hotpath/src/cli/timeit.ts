// `hotpath timeit`: Python's `python -m timeit` for TypeScript and JavaScript statements.
//   hotpath timeit -s "import { benchmark } from './taylor.ts'" "benchmark()"
//   20 loops, best of 5: 19.9 msec per loop
import { Option, type Command } from 'commander';
import { collect, integerAtLeast } from './option-values.js';
import { hrClock, processClock } from '../bench/clock.js';
import { autorangeNumbers } from '../bench/timeit.js';
import { formatG, formatTime, resultLine, spreadWarning, TIMEIT_UNITS, type TimeitUnit } from '../bench/timeit-format.js';
import { compileStatement, TimeitSourceError, type CompiledStatement } from '../bench/timeit-source.js';

interface TimeitValues {
  number?: number;
  repeat: number;
  setup?: string[];
  unit?: TimeitUnit;
  verbose?: boolean;
  process?: boolean;
}

/** Adds the `timeit` command to the program. */
export function registerTimeit(program: Command): Command {
  return program
    .command('timeit')
    .description(
      'time a TypeScript or JavaScript statement, as `python -m timeit` does: without -n, the number of loops ' +
        'is the first of 1, 2, 5, 10, 20, 50, ... taking at least 0.2 s; prints the best of -r repeats',
    )
    .argument('[statement...]', 'the statement to time (several arguments are lines of one statement)')
    .option('-n, --number <N>', 'how many times to execute the statement per repeat', integerAtLeast('--number', 1))
    .option('-r, --repeat <N>', 'how many times to repeat the timer', integerAtLeast('--repeat', 1), 5)
    .option('-s, --setup <S>', 'statement run once per repeat before timing; may import modules; repeatable', collect)
    .addOption(new Option('-u, --unit <U>', 'time unit of the output').choices(Object.keys(TIMEIT_UNITS)))
    .option('-p, --process', "measure the process's CPU time (user + system) instead of wall time, as Python's -p")
    .option('-v, --verbose', 'print the autorange tries and the raw timing results')
    .showHelpAfterError(false)
    .action(async (parts: string[], values: TimeitValues) => {
      process.exitCode = await timeitCommand(parts.join('\n'), values);
    });
}

async function timeitCommand(statement: string, values: TimeitValues): Promise<number> {
  let compiled: CompiledStatement;
  try {
    const clock = values.process ? processClock : hrClock;
    compiled = await compileStatement(statement, (values.setup ?? []).join('\n'), process.cwd(), clock);
  } catch (error) {
    const bad = error instanceof TimeitSourceError;
    process.stderr.write(`hotpath timeit: ${bad ? error.message : describe(error)}\n`);
    return bad ? 2 : 1;
  }
  try {
    await report(compiled, values);
    return 0;
  } catch (error) {
    process.stderr.write(`hotpath timeit: ${describe(error)}\n`);
    return 1;
  }
}

async function report(compiled: CompiledStatement, values: TimeitValues): Promise<void> {
  const number = values.number ?? (await autorange(compiled, values.verbose === true));
  const raw: number[] = [];
  for (let i = 0; i < values.repeat; i++) raw.push((await compiled.time(number)) / 1e9);
  if (values.verbose) process.stdout.write(`raw times: ${raw.map((s) => formatTime(s, values.unit)).join(', ')}\n\n`);
  const perLoop = raw.map((seconds) => seconds / number);
  const best = Math.min(...perLoop);
  process.stdout.write(`${resultLine(number, values.repeat, best, values.unit)}\n`);
  const warning = spreadWarning(perLoop);
  if (warning) process.stderr.write(`${warning}\n`);
  const floor = await loopFloor(compiled, number);
  // A statement that costs no more than the empty loop around it was not measured (or was
  // optimised away): say so rather than let "0.5 nsec" read as its cost.
  if (best < 3 * floor) {
    process.stderr.write(
      `Note: ${formatTime(best, values.unit)} per loop is at the loop's own overhead (${formatTime(floor, values.unit)} ` +
        'per empty loop): the statement is too cheap to measure this way, or was optimised away.\n',
    );
  }
}

// Python's autorange, over the compiled statement (which may be async).
async function autorange(compiled: CompiledStatement, verbose: boolean): Promise<number> {
  for (const number of autorangeNumbers()) {
    const seconds = (await compiled.time(number)) / 1e9;
    if (verbose) process.stdout.write(`${number} loop${number === 1 ? '' : 's'} -> ${formatG(seconds, 3)} secs\n`);
    if (seconds >= 0.2) return number;
  }
  throw new Error('the statement takes no measurable time');
}

// Seconds per loop of the same loop with no statement: the best of 3.
async function loopFloor(compiled: CompiledStatement, number: number): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i++) best = Math.min(best, (await compiled.empty(number)) / 1e9 / number);
  return best;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
