// `hotpath profile [options] script [args...]`: run a program as `node script args` would,
// and print its profile as cProfile does (`python -m cProfile -s tottime script.py`), or
// save it with -o for `hotpath stats`. Options after the script belong to the script.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CaptureMode, CountMethod } from '../runner/config.js';
import { addStatsOptions, renderReport, statsOptions } from './stats-options.js';

interface ProfileValues {
  mode: CaptureMode;
  interval: number;
  counts: CountMethod;
  output?: string;
  traceNodeModules?: boolean;
  threads: 'merged' | 'separate';
  includeChildren?: boolean;
}

/** Adds the `profile` command to the program (which must have `enablePositionalOptions()`). */
export function registerProfile(program: Command): Command {
  const command = program
    .command('profile')
    .description('run a program (.ts, .js, ESM or CommonJS) and print its cProfile-style profile')
    .usage('[options] <script> [args...]')
    .argument('<script>', 'the program to run, as `node script` would')
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
    .addOption(threadsOption())
    .option('--include-children', 'profile the node processes the program starts too (merged into the table; with -o, each also saved as FILE.<pid>.json)');
  addStatsOptions(command).action(async (script: string, args: string[], values: ProfileValues, self: Command) => {
    if (!isRunnable(script)) {
      self.error(`cannot find the script ${script}`, { exitCode: 2, code: 'hotpath.missingScript' });
    }
    const report = statsOptions(self.opts());
    // Loaded here, not at start-up: every other command would pay for them.
    const [{ runProfiled }, { saveProfile }] = await Promise.all([import('../runner/run.js'), import('../model/file.js')]);
    const result = await runProfiled(script, args, {
      mode: values.mode,
      interval: values.interval,
      counts: values.counts,
      traceNodeModules: values.traceNodeModules === true,
      relaySignals: true,
      threads: values.threads,
      includeChildren: values.includeChildren === true,
    });
    if (!result.profile) {
      const how = result.signal ?? `exit code ${result.exitCode}`;
      process.stderr.write(`hotpath profile: ${script} ended (${how}) before its profile was written\n`);
    } else if (values.output !== undefined) {
      await saveProfile(values.output, result.profile);
      for (const { info, profile } of result.processes ?? []) await saveProfile(processFile(values.output, info.pid), profile);
    } else {
      process.stdout.write(renderReport(result.profile, report));
    }
    process.exitCode = result.exitCode;
  });
  return command;
}

/** `--threads`, shared with `hotpath lines`. */
export function threadsOption(): Option {
  return new Option('--threads <view>', 'worker threads: merged (one row per function) or separate (rows per thread)').choices(['merged', 'separate']).default('merged');
}

// `prof.json` -> `prof.<pid>.json`: each process's own profile beside the merged one.
function processFile(output: string, pid: number): string {
  const ext = path.extname(output);
  return `${output.slice(0, output.length - ext.length)}.${pid}${ext || '.json'}`;
}

function parseInterval(value: string): number {
  const ms = Number(value);
  if (value.trim() === '' || !Number.isFinite(ms) || ms < 0.001 || ms > 10_000) {
    throw new InvalidArgumentError('expected milliseconds between 0.001 and 10000');
  }
  return ms;
}

// What `node script` would find: the file itself, or the CommonJS main resolution
// (`node app` runs app.js).
function isRunnable(script: string): boolean {
  try {
    if (statSync(script).isFile()) return true;
  } catch {
    // not as given: try node's resolution below
  }
  try {
    createRequire(path.join(process.cwd(), 'noop.js')).resolve(path.resolve(script));
    return true;
  } catch {
    return false;
  }
}
