// `hotpath profile [options] [--node-arg=FLAG ...] script [args...]`, or
// `hotpath profile [options] -- [node flags...] script [args...]`: run a program as
// `node [flags] script args` would, and print its profile as cProfile does
// (`python -m cProfile -s tottime script.py`), or save it with -o for `hotpath stats`.
// Options after the script belong to the script. A script name that is not a file is looked
// up in node_modules/.bin, as npx does (`hotpath profile tsc -p .`).
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Profile } from '../model/profile.js';
import type { CaptureMode, CountMethod } from '../runner/config.js';
import { resolveScript } from '../runner/resolve-script.js';
import { refusedNodeArg, splitNodeArgs } from './node-args.js';
import { addStatsOptions, renderReport, statsOptions } from './stats-options.js';

interface ProfileValues {
  mode: CaptureMode;
  interval: number;
  counts: CountMethod;
  output?: string;
  traceNodeModules?: boolean;
  nodeArg: string[];
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
    .configureOutput({ outputError: (text, write) => write(`hotpath profile: ${text.replace(/^error: /, '').trimEnd()}\n`) })
    .addOption(new Option('--mode <mode>', 'sample: V8 sampler + exact call counts; trace: every call timed').choices(['sample', 'trace']).default('sample'))
    .option('--interval <ms>', 'sampling interval in milliseconds (sample mode)', parseInterval, 1)
    .addOption(
      new Option('--counts <method>', "sample mode's call counts: instrument (the program's functions, ~2 ns a call), coverage (V8 block coverage: all functions, slower loops), none")
        .choices(['instrument', 'coverage', 'none'])
        .default('instrument'),
    )
    .option('-o, --output <file>', 'save the profile to FILE (read it with `hotpath stats FILE`) instead of printing it')
    .option('--trace-node-modules', 'instrument node_modules too (trace mode; sample mode counters)')
    .option('--node-arg <flag>', 'a flag for node itself (repeatable: --node-arg=--expose-gc); or put node flags after --', collect, []);
  addStatsOptions(command).action(async (first: string | undefined, rest: string[], values: ProfileValues, self: Command) => {
    const fail = (message: string): never => self.error(message, { exitCode: 2, code: 'hotpath.profile' });
    const { nodeArgs, script, args } = splitNodeArgs(first === undefined ? [] : [first, ...rest], values.nodeArg);
    if (script === undefined) return fail('missing the script to run');
    for (const flag of nodeArgs) {
      const refused = refusedNodeArg(flag);
      if (refused) fail(refused);
    }
    const resolved = resolveScript(script, process.cwd());
    if (!resolved.ok) return fail(resolved.message);
    const report = statsOptions(self.opts());
    // Loaded here, not at start-up: every other command would pay for them.
    const [{ runProfiled }, { saveProfile }] = await Promise.all([import('../runner/run.js'), import('../model/file.js')]);
    const result = await runProfiled(resolved.script, args, {
      mode: values.mode,
      interval: values.interval,
      counts: values.counts,
      traceNodeModules: values.traceNodeModules === true,
      relaySignals: true,
      nodeArgs,
    });
    process.exitCode = result.exitCode;
    if (result.hotpathError !== null) return fail(result.hotpathError);
    if (!result.profile) {
      const how = result.signal ?? `exit code ${result.exitCode}`;
      process.stderr.write(`hotpath profile: ${script} ended (${how}) before its profile was written\n`);
      return;
    }
    const recorded = recordedOfProgram(result.profile);
    if (recorded === 'nothing') {
      process.stderr.write(`hotpath profile: ${script} recorded nothing of the program (no call counted, no sample in its code): no profile to show\n`);
      return;
    }
    if (recorded === 'no samples') {
      process.stderr.write(`hotpath profile: warning: no sample landed in ${script}'s own code; its times show 0 (a run shorter than the interval, or time spent only in Node)\n`);
    }
    if (values.output !== undefined) await saveProfile(values.output, result.profile);
    else process.stdout.write(renderReport(result.profile, report));
  });
  return command;
}

function collect(value: string, all: string[]): string[] {
  return [...all, value];
}

/**
 * What a run recorded of the program's functions (its files and the packages it uses, not
 * Node's internals or V8's pseudo-frames): calls and samples, calls only, or nothing. Sample
 * mode only warns about missing samples where there were enough of them elsewhere to expect some.
 */
function recordedOfProgram(profile: Profile): 'ok' | 'no samples' | 'nothing' {
  const program = profile.functions.filter((fn) => ['user', 'node_modules'].includes(profile.frames[fn.frame]!.category));
  const called = program.some((fn) => (fn.calls ?? 0) > 0);
  const sampled = program.some((fn) => fn.self > 0 || fn.total > 0);
  if (!called && !sampled) return 'nothing';
  if (sampled || profile.meta.mode !== 'sample') return 'ok';
  const elsewhere = profile.functions.reduce((sum, fn) => sum + fn.self, 0);
  return elsewhere > 20 * (profile.meta.interval ?? Infinity) ? 'no samples' : 'ok';
}

function parseInterval(value: string): number {
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0.001 || ms > 10_000) {
    throw new InvalidArgumentError('expected milliseconds between 0.001 and 10000');
  }
  return ms;
}
