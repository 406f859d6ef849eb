// `hotpath memory [options] [-- node-flags...] script [args...]`: memory_profiler for
// TypeScript (`python -m memory_profiler script.py`). Picks functions as `hotpath lines` does
// (`-f NAME`, `-f file:line`, `--all [FILE]`, or `@profile`/`profile(fn)` in the code), runs the
// program, prints Mem usage, Increment and Occurrences of every line of those functions.
// `--show FILE...` prints saved memory line stats again.
import { Option, type Command } from 'commander';
import { MEMORY_BACKENDS, type MemoryBackend } from '../capture/memory/clock.js';
import type { Profile } from '../model/profile.js';
import { withNodeFlagHint } from './node-args.js';
import { collect, integerAtLeast } from './option-values.js';
import { measurePicked, pickedRun } from './picked-run.js';
import { threadsOption } from './profile.js';

interface MemoryValues {
  function: string[];
  all?: string | boolean;
  backend: MemoryBackend;
  precision: number;
  output?: string;
  show?: string[];
  traceNodeModules?: boolean;
  nodeArg: string[];
  threads: 'merged' | 'separate';
}

/** Adds the `memory` command to the program (which must have `enablePositionalOptions()`). */
export function registerMemory(program: Command): Command {
  return program
    .command('memory')
    .description("memory_profiler for TypeScript: every line's memory use, increment and occurrences in the functions you pick")
    .usage('[options] [-- node-flags...] <script> [args...]   |   --show <file>')
    .argument('[script]', 'the program to run, as `node script` would; or a bin in node_modules/.bin, as npx would')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(`hotpath memory: ${withNodeFlagHint(text.replace(/^error: /, '').trimEnd())}\n`) })
    .option('-f, --function <name>', 'a function to measure: NAME, Class.method or file:line (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--all [file]', "every function of FILE (default: the script's file)")
    .addOption(
      new Option('--backend <memory>', "heap: V8's heap + external memory (typed arrays included), read in 0.3 us; rss: resident memory, as memory_profiler")
        .choices(MEMORY_BACKENDS)
        .default('heap'),
    )
    .option('--precision <digits>', 'decimals of the MiB figures', integerAtLeast('--precision', 0), 3)
    .option('-o, --output <file>', 'also save the memory line stats to FILE (print again with --show FILE)')
    .option('--show <file>', 'print saved memory line stats', (v: string) => [v])
    .option('--trace-node-modules', 'pick functions in node_modules too')
    .option('--node-arg <flag>', 'a flag for node itself (repeatable: --node-arg=--expose-gc); or put node flags after --', collect, [])
    .addOption(threadsOption())
    .action(async (first: string | undefined, rest: string[], values: MemoryValues, self: Command) => {
      const fail = (message: string): never => self.error(message, { exitCode: 2, code: 'hotpath.memory' });
      if (values.show) return print(await load(values.show[0]!, fail), values);
      const run = pickedRun(first, rest, values, fail);
      const options = { memory: { backend: values.backend }, traceNodeModules: values.traceNodeModules === true, threads: values.threads };
      const profile = await measurePicked('memory', run, options, values.output, 'memory lines', fail);
      if (profile) await print(profile, values);
    });
}

async function load(file: string, fail: (m: string) => never): Promise<Profile> {
  const { loadProfile } = await import('../model/file.js');
  let profile: Profile;
  try {
    profile = await loadProfile(file);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (profile.lines === undefined || profile.unit !== 'bytes') fail(`${file} holds no memory line stats (save them with hotpath memory -o FILE)`);
  return profile;
}

async function print(profile: Profile, values: MemoryValues): Promise<void> {
  const [{ renderMemoryTable }, { readSourceFile }] = await Promise.all([import('../report/memory-table.js'), import('../capture/function-source.js')]);
  process.stdout.write(renderMemoryTable(profile, { precision: values.precision, readSource: readSourceFile }));
}
