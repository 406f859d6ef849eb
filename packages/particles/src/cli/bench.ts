// `particles bench`: the chapter's benchmark, for every method and for the plain-JavaScript
// twins. Thin: parse the options, run the library, print.
import os from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { METHODS, type Method } from '../index.js';
import { ENGINES, MAX_THREADS, type EngineName } from '../engines/index.js';
import { runParticleBench } from '../bench/particles.js';
import { runEngineBench, runScaleBench } from '../bench/engines.js';
import { formatEngineTable, formatScaleTable } from '../bench/engines-report.js';
import { environment, formatJson, formatTable } from '../bench/report.js';
import { MAX_WASM_PARTICLES } from '../engines/wasm.js';

interface BenchOptions {
  n: number;
  dt: number;
  rounds: number;
  seed: number;
  method?: Method[];
  engine?: EngineName[];
  threads?: number;
  scale?: boolean;
  sizes?: number[];
  work: number;
  native: boolean;
  json?: boolean;
}

/** The sizes of `--scale`: 10^3 to 10^7 particles. */
const SCALE_SIZES = [1e3, 1e4, 1e5, 1e6, 1e7];

/** Adds the `bench` subcommand to the `particles` program. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('time evolve, evolveFast and evolveExact of the library and of its plain-JavaScript twins ' + '(same code without types; same code with declared class fields)')
    .option('--n <count>', 'particles in the set', positiveInteger('--n'), 1000)
    .option('--dt <time>', 'time each round advances by', positiveNumber('--dt'), 0.1)
    .option('--rounds <count>', 'timed rounds per row', positiveInteger('--rounds'), 5)
    .option('--seed <integer>', 'seed of the random particle set', seedValue, 42)
    .option('--method <names>', `methods to time, repeatable or comma-separated (${METHODS.join(', ')}; default all)`, methodList)
    .option('--engine <names>', `time engines side by side instead of methods: all, or a comma list of ${ENGINES.join(', ')}`, engineList)
    .option('--threads <count>', `threads of the workers engine, 1 to ${MAX_THREADS} (default: the core count)`, threadCount)
    .option('--scale', 'time the engines at 10^3 to 10^7 particles, the same work at each size, with bytes per particle')
    .option('--sizes <counts>', 'with --scale: the set sizes, a comma list', sizeList)
    .option('--work <particle-steps>', 'with --scale: particle-steps a round at every size', positiveInteger('--work'), 2e7)
    .option('--no-native', 'leave out the C++ reference rows (built by npm ci when g++ is present)')
    .option('--json', 'print the results as JSON instead of a table')
    // Usage errors stay one line (main.ts asks for help after errors); --help shows usage.
    .showHelpAfterError(false)
    .action(async (options: BenchOptions, command: Command) => {
      const problem = engineProblem(options);
      if (problem !== undefined) command.error(`error: ${problem}`, { exitCode: 2 });
      if (options.engine !== undefined || options.scale) return benchEngines(options);
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

/** Runs `--engine` or `--scale` and prints its table or JSON. */
async function benchEngines(options: BenchOptions): Promise<void> {
  const { n, dt, rounds, seed, threads, work, native } = options;
  const engines = options.engine ?? ENGINES;
  const common = { rounds, seed, engines, native, onProgress: (line: string) => process.stderr.write(`bench: ${line}\n`) };
  const withThreads = threads === undefined ? common : { ...common, threads };
  const env = environment();
  let text: string;
  if (options.scale) {
    const report = await runScaleBench({ ...withThreads, sizes: options.sizes ?? SCALE_SIZES, work });
    text = options.json ? JSON.stringify({ benchmark: 'particles-scale', environment: env, ...report }, null, 2) : formatScaleTable(report, env);
  } else {
    const report = await runEngineBench({ ...withThreads, n, dt });
    text = options.json ? JSON.stringify({ benchmark: 'particles-engines', environment: env, ...report }, null, 2) : formatEngineTable(report, env);
  }
  process.stdout.write(`${text}\n`);
}

/** Bytes a particle costs in each engine while benchmarked (measured by --scale), plus its fresh copy. */
const BYTES_PER_PARTICLE: Readonly<Record<EngineName, number>> = { objects: 110, typed: 24, wasm: 24, workers: 24 };

/** What is wrong with a combination of options, checked before any work; undefined when nothing. */
function engineProblem(options: BenchOptions): string | undefined {
  const engines = options.engine ?? (options.scale ? ENGINES : undefined);
  if (engines === undefined) {
    const only = ['threads', 'sizes'].find((name) => options[name as 'threads' | 'sizes'] !== undefined);
    return only && `--${only} needs --engine or --scale`;
  }
  if (options.method !== undefined) return '--method times the methods of the library; it cannot go with --engine or --scale';
  if (options.sizes !== undefined && !options.scale) return '--sizes needs --scale';
  if (options.threads !== undefined && !engines.includes('workers')) return '--threads is for the workers engine, which is not chosen';
  const largest = options.scale ? Math.max(...(options.sizes ?? SCALE_SIZES)) : options.n;
  if (largest > MAX_WASM_PARTICLES && engines.some((engine) => engine === 'wasm' || engine === 'workers')) {
    return `${largest} particles do not fit in WebAssembly memory (at most ${MAX_WASM_PARTICLES})`;
  }
  let perParticle = 24; // the fresh copy each round restores
  for (const engine of engines) perParticle += BYTES_PER_PARTICLE[engine];
  const bytes = largest * perParticle;
  if (bytes > os.totalmem()) {
    return `${largest} particles need about ${gib(bytes)} for ${engines.join(', ')}; this machine has ${gib(os.totalmem())}`;
  }
  return undefined;
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** `all` or a comma list of engines, repeatable; kept in ENGINES order, no repeats. */
function engineList(value: string, previous: EngineName[] | undefined): EngineName[] {
  const names = value.split(',').map((name) => name.trim());
  const chosen = new Set<string>(previous ?? []);
  for (const name of names) {
    if (name === 'all') ENGINES.forEach((engine) => chosen.add(engine));
    else if ((ENGINES as readonly string[]).includes(name)) chosen.add(name);
    else throw new InvalidArgumentError(`unknown engine '${name}'; choose from all, ${ENGINES.join(', ')}.`);
  }
  return ENGINES.filter((engine) => chosen.has(engine));
}

function threadCount(value: string): number {
  const n = parseNumber(value);
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new InvalidArgumentError(`--threads must be an integer from 1 to ${MAX_THREADS}.`);
  }
  return n;
}

function sizeList(value: string): number[] {
  return value.split(',').map((part) => {
    const n = parseNumber(part);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`--sizes must be positive integers, got '${part}'.`);
    return n;
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
