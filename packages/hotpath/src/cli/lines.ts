// `hotpath lines [options] [-- node-flags...] script [args...]`: line_profiler for TypeScript (`kernprof -l -v`).
// Picks functions (`-f NAME`, `-f file:line`, `--all [FILE]`, or `@profile`/`profile(fn)` in
// the code), runs the program, prints hits and time of every line of those functions.
// `--show FILE...` prints saved line stats again, merging several runs.
import { Option, type Command } from 'commander';
import type { Profile } from '../model/profile.js';
import { LINE_UNITS, type LineUnit } from '../report/line-table.js';
import { withNodeFlagHint } from './node-args.js';
import { collect } from './option-values.js';
import { measurePicked, pickedRun } from './picked-run.js';
import { threadsOption } from './profile.js';

interface LinesValues {
  function: string[];
  all?: string | boolean;
  mode: 'sample' | 'trace';
  unit: LineUnit;
  skipZero?: boolean;
  sort?: boolean;
  rich?: boolean;
  output?: string;
  show?: string[];
  traceNodeModules?: boolean;
  nodeArg: string[];
  threads: 'merged' | 'separate';
}

/** Adds the `lines` command to the program (which must have `enablePositionalOptions()`). */
export function registerLines(program: Command): Command {
  return program
    .command('lines')
    .description('line_profiler for TypeScript: hits and time of every line of the functions you pick')
    .usage('[options] [-- node-flags...] <script> [args...]   |   --show <file...>')
    .argument('[script]', 'the program to run, as `node script` would; or a bin in node_modules/.bin, as npx would')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(`hotpath lines: ${withNodeFlagHint(text.replace(/^error: /, '').trimEnd())}\n`) })
    .option('-f, --function <name>', 'a function to measure: NAME, Class.method or file:line (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--all [file]', "every function of FILE (default: the script's file)")
    .addOption(new Option('--mode <mode>', 'sample: exact hits, sampled times; trace: every line event timed').choices(['sample', 'trace']).default('sample'))
    .addOption(new Option('-u, --unit <unit>', 'unit of the Time and Per Hit columns').choices(Object.keys(LINE_UNITS)).default('us'))
    .option('--skip-zero', 'leave out functions that took no time')
    .option('-s, --sort', "functions by ascending total time, the slowest last (line_profiler's --sort)")
    .option('-r, --rich', "colour (line_profiler's --rich): hot lines and the source highlighted; only on a terminal, unless FORCE_COLOR is set; never with NO_COLOR")
    .option('-o, --output <file>', 'also save the line stats to FILE (print again with --show FILE)')
    .option('--show <files...>', 'print saved line stats (several files: summed)')
    .option('--trace-node-modules', 'pick functions in node_modules too')
    .option('--node-arg <flag>', 'a flag for node itself (repeatable: --node-arg=--expose-gc); or put node flags after --', collect, [])
    .addOption(threadsOption())
    .action(async (first: string | undefined, rest: string[], values: LinesValues, self: Command) => {
      const fail = (message: string): never => self.error(message, { exitCode: 2, code: 'hotpath.lines' });
      if (values.show) return show(values, fail);
      const run = pickedRun(first, rest, values, fail);
      const options = { mode: values.mode, traceNodeModules: values.traceNodeModules === true, threads: values.threads };
      const profile = await measurePicked('lines', run, options, values.output, 'lines', fail);
      if (profile) await print(profile, values);
    });
}

async function show(values: LinesValues, fail: (m: string) => never): Promise<void> {
  const [{ loadProfile }, { mergeLineProfiles }] = await Promise.all([import('../model/file.js'), import('../report/line-merge.js')]);
  const runs: Array<{ file: string; profile: Profile }> = [];
  for (const file of values.show!) {
    try {
      runs.push({ file, profile: await loadProfile(file) });
    } catch (error) {
      fail((error as Error).message);
    }
    if (runs.at(-1)!.profile.lines === undefined) fail(`${file} holds no line stats (save them with hotpath lines -o FILE)`);
  }
  try {
    await print(mergeLineProfiles(runs), values);
  } catch (error) {
    fail((error as Error).message);
  }
}

async function print(profile: Profile, values: LinesValues): Promise<void> {
  const [{ renderLineTable }, { readSourceFile }] = await Promise.all([import('../report/line-table.js'), import('../capture/function-source.js')]);
  const table = renderLineTable(profile, { unit: values.unit, skipZero: values.skipZero === true, sort: values.sort === true, readSource: readSourceFile });
  const { colourLineTable, wantsColour } = await import('../report/line-colour.js');
  process.stdout.write(wantsColour(values.rich === true, process.stdout) ? colourLineTable(table) : table);
}
