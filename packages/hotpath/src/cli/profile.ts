// `hotpath profile [options] [--node-arg=FLAG ...] script [args...]`, or
// `hotpath profile [options] -- [node flags...] script [args...]`: run a program as
// `node [flags] script args` would, and print its profile as cProfile does
// (`python -m cProfile -s tottime script.py`), or save it with -o for `hotpath stats`.
// Options after the script belong to the script. A script name that is not a file is looked
// up in node_modules/.bin, as npx does (`hotpath profile tsc -p .`).
import * as path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Profile } from '../model/profile.js';
import type { CaptureMode, CountMethod } from '../runner/config.js';
import { resolveScript } from '../runner/resolve-script.js';
import { refusedNodeArgs, splitNodeArgs, withNodeFlagHint } from './node-args.js';
import { collect } from './option-values.js';
import { addStatsOptions, renderReport, statsOptions } from './stats-options.js';

interface ProfileValues {
  mode: CaptureMode;
  heap?: boolean;
  heapLive?: boolean;
  interval: number;
  counts: CountMethod;
  output?: string;
  traceNodeModules?: boolean;
  nodeArg: string[];
  threads: 'merged' | 'separate';
  includeChildren?: boolean;
}

/** Adds the `profile` command to the program (which must have `enablePositionalOptions()`). */
export function registerProfile(program: Command): Command {
  const command = program
    .command('profile')
    .description('run a program (.ts, .js, ESM or CommonJS) and print its cProfile-style profile')
    .usage('[options] [-- node-flags...] <script> [args...]')
    .argument('[script]', 'the program to run, as `node script` would; or a bin in node_modules/.bin, as npx would')
    .argument('[args...]', 'arguments for the program')
    .passThroughOptions()
    .showHelpAfterError(false)
    .configureOutput({ outputError: (text, write) => write(`hotpath profile: ${withNodeFlagHint(text.replace(/^error: /, '').trimEnd())}\n`) })
    .addOption(new Option('--mode <mode>', 'sample: V8 sampler + exact call counts; trace: every call timed').choices(['sample', 'trace']).default('sample'))
    .option('--interval <ms>', 'sampling interval in milliseconds (sample mode)', parseInterval, 1)
    .addOption(
      new Option(
        '--counts <method>',
        "sample mode's call counts: instrument (the program's functions, ~2 ns a call), coverage (V8 block coverage: all functions, slower loops), none",
      )
        .choices(['instrument', 'coverage', 'none'])
        .default('instrument'),
    )
    .option('--heap', "bytes allocated instead of time, from V8's sampling heap profiler (every allocation, also what was freed since)")
    .option('--heap-live', 'with the heap profiler: only the bytes still alive at exit')
    .option(
      '-o, --output <file>',
      'save the profile to FILE instead of printing it, in the format its name says (x.json: hotpath stats reads it; x.prof: pstats; x.cpuprofile, ...)',
    )
    .option('--trace-node-modules', 'instrument node_modules too (trace mode; sample mode counters)')
    .option('--node-arg <flag>', 'a flag for node itself (repeatable: --node-arg=--expose-gc); or put node flags after --', collect, [])
    .addOption(threadsOption())
    .option('--include-children', 'profile the node processes the program starts too (merged into the table; with -o, each also saved as FILE.<pid>.<ext>)');
  addStatsOptions(command).action(async (first: string | undefined, rest: string[], values: ProfileValues, self: Command) => {
    const fail = (message: string): never => self.error(message, { exitCode: 2, code: 'hotpath.profile' });
    const { nodeArgs, script, args } = splitNodeArgs(first === undefined ? [] : [first, ...rest], values.nodeArg);
    if (script === undefined) return fail('missing the script to run');
    const refused = refusedNodeArgs(nodeArgs);
    if (refused) return fail(refused);
    const resolved = resolveScript(script, process.cwd());
    if (!resolved.ok) return fail(resolved.message);
    const report = statsOptions(self.opts());
    // Loaded here, not at start-up: every other command would pay for them. The writers are
    // needed only once the program has ended: they load while it runs.
    const { runProfiled } = await import('../runner/run.js');
    const exporters = import('../export/index.js');
    const result = await runProfiled(resolved.script, args, {
      mode: values.mode,
      interval: values.interval,
      counts: values.counts,
      ...(values.heap || values.heapLive ? { heap: values.heapLive ? ('live' as const) : ('allocated' as const) } : {}),
      traceNodeModules: values.traceNodeModules === true,
      relaySignals: true,
      nodeArgs,
      threads: values.threads,
      includeChildren: values.includeChildren === true,
    });
    const { writeProfileAs } = await exporters;
    process.exitCode = result.exitCode;
    if (result.hotpathError !== null) return fail(result.hotpathError);
    if (!result.profile) {
      const how = result.signal ?? `exit code ${result.exitCode}`;
      process.stderr.write(`hotpath profile: ${script} ended (${how}) before its profile was written\n`);
      return;
    }
    if (!recordedProgram(result.profile)) {
      // No table of nothing; a file asked for with -o is still written, for the tools that read it.
      const what = values.output === undefined ? 'no profile to show' : `${values.output} is written all the same`;
      process.stderr.write(`hotpath profile: ${script} recorded nothing of the program (no call counted, no sample in its code): ${what}\n`);
      if (values.output === undefined) return;
    }
    if (values.output === undefined) {
      process.stdout.write(renderReport(result.profile, report));
      return;
    }
    // The file's name picks the format, as for `hotpath convert` (`-o x.prof` is pstats, which
    // Python's pstats reads); a name no format claims gets hotpath's own JSON.
    const save = (file: string, profile: Profile) => writeProfileAs(profile, file, undefined, { fallbackFormat: 'hotpath' });
    await save(values.output, result.profile);
    for (const { info, profile } of result.processes ?? []) await save(processFile(values.output, info.pid), profile);
  });
  return command;
}

/**
 * Whether a run recorded anything of the program's functions (its files and the packages it
 * uses, not Node's internals or V8's pseudo-frames): a call counted or a sample. A program
 * that never ran (a syntax error) or lost all of it has no profile worth a table.
 */
function recordedProgram(profile: Profile): boolean {
  return profile.functions.some((fn) => {
    const category = profile.frames[fn.frame]!.category;
    return (category === 'user' || category === 'node_modules') && ((fn.calls ?? 0) > 0 || fn.total > 0);
  });
}

/** `--threads`, shared with `hotpath lines`. */
export function threadsOption(): Option {
  return new Option('--threads <view>', 'worker threads: merged (one row per function) or separate (rows per thread)').choices(['merged', 'separate']).default('merged');
}

// `prof.json` -> `prof.<pid>.json`, `prof.pb.gz` -> `prof.<pid>.pb.gz`: each process's own
// profile beside the merged one, in the same format.
function processFile(output: string, pid: number): string {
  const dir = path.dirname(output);
  const base = path.basename(output);
  const dot = base.indexOf('.', 1);
  const named = dot === -1 ? `${base}.${pid}.json` : `${base.slice(0, dot)}.${pid}${base.slice(dot)}`;
  return path.join(dir, named);
}

function parseInterval(value: string): number {
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0.001 || ms > 10_000) {
    throw new InvalidArgumentError('expected milliseconds between 0.001 and 10000');
  }
  return ms;
}
