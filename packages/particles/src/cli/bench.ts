// `particles bench`: the chapter's benchmark, for every method and for the plain-JavaScript
// twins. Thin: parse the options, run the library, print.
import { InvalidArgumentError, type Command } from 'commander';
import { METHODS, type Method } from '../index.js';
import { runParticleBench } from '../bench/particles.js';
import { environment, formatJson, formatTable } from '../bench/report.js';

interface BenchOptions {
  n: number;
  dt: number;
  rounds: number;
  seed: number;
  method?: Method[];
  json?: boolean;
}

/** Adds the `bench` subcommand to the `particles` program. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'time evolve, evolveFast and evolveExact of the library and of its plain-JavaScript twins ' +
        '(same code without types; same code with declared class fields)',
    )
    .option('--n <count>', 'particles in the set', positiveInteger('--n'), 1000)
    .option('--dt <time>', 'time each round advances by', positiveNumber('--dt'), 0.1)
    .option('--rounds <count>', 'timed rounds per row', positiveInteger('--rounds'), 5)
    .option('--seed <integer>', 'seed of the random particle set', seedValue, 42)
    .option(
      '--method <names>',
      `methods to time, repeatable or comma-separated (${METHODS.join(', ')}; default all)`,
      methodList,
    )
    .option('--json', 'print the results as JSON instead of a table')
    // Usage errors stay one line (main.ts asks for help after errors); --help shows usage.
    .showHelpAfterError(false)
    .action((options: BenchOptions) => {
      const { n, dt, rounds, seed } = options;
      const report = runParticleBench({
        n,
        dt,
        rounds,
        seed,
        methods: options.method ?? METHODS,
        onProgress: (line) => process.stderr.write(`bench: ${line}\n`),
      });
      const env = environment();
      process.stdout.write(`${options.json ? formatJson(report, env) : formatTable(report, env)}\n`);
    });
}

/** A number from an option value, refusing what `Number` would quietly accept ('', ' '). */
function parseNumber(value: string): number {
  return value.trim() === '' ? NaN : Number(value);
}

function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = parseNumber(value);
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new InvalidArgumentError(`${flag} must be a positive integer.`);
    }
    return n;
  };
}

function positiveNumber(flag: string): (value: string) => number {
  return (value) => {
    const x = parseNumber(value);
    if (!Number.isFinite(x) || x <= 0) {
      throw new InvalidArgumentError(`${flag} must be a finite number > 0.`);
    }
    return x;
  };
}

function seedValue(value: string): number {
  const seed = parseNumber(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError('--seed must be an integer.');
  return seed;
}

/** Accumulates `--method` values; each may be a comma list. Keeps METHODS order, no repeats. */
function methodList(value: string, previous: Method[] | undefined): Method[] {
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(METHODS as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(`unknown method '${name}'; choose from ${METHODS.join(', ')}.`);
    }
  }
  const chosen = new Set([...(previous ?? []), ...names]);
  return METHODS.filter((method) => chosen.has(method));
}
