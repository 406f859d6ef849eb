// What `hotpath lines` and `hotpath memory` share: the operands that name the program and the
// functions picked in it (`-f`, `--all [FILE]`, node flags after `--`), and the run that
// measures them, with the failures both report the same way.
import * as path from 'node:path';
import type { Profile } from '../model/profile.js';
import type { RunProfiledOptions } from '../runner/run.js';
import { resolveScript } from '../runner/resolve-script.js';
import { refusedNodeArgs, splitNodeArgs } from './node-args.js';

/** The program to run and the functions to measure in it. */
export interface PickedRun {
  script: string;
  args: string[];
  nodeArgs: string[];
  /** `-f` names, and `--all`'s file as an absolute path. */
  targets: string[];
}

/** The command's operands and `-f`/`--all`/`--node-arg` values as a run, or a usage failure. */
export function pickedRun(
  first: string | undefined,
  rest: string[],
  values: { function: string[]; all?: string | boolean; nodeArg: string[] },
  fail: (message: string) => never,
): PickedRun {
  const { nodeArgs, args, ...operands } = splitNodeArgs(first === undefined ? [] : [first, ...rest], values.nodeArg);
  let script = operands.script;
  let all = values.all;
  // `--all script.ts` reads the script as --all's file: then it is the script.
  if (script === undefined && typeof all === 'string') [script, all] = [all, true];
  if (script === undefined) return fail('missing the script to run (or --show FILE)');
  const refused = refusedNodeArgs(nodeArgs);
  if (refused) return fail(refused);
  const resolved = resolveScript(script, process.cwd());
  if (!resolved.ok) return fail(resolved.message);
  const targets = [...values.function];
  if (all) targets.push(path.resolve(all === true ? resolved.script : all));
  return { script: resolved.script, args, nodeArgs, targets };
}

/**
 * Runs the program with `options` (the picked targets added) and returns its profile, saved
 * to `output` if given; the program's exit code becomes this process's. `null` when the
 * program ended before its profile was written (said on stderr, naming `what` was lost).
 */
export async function measurePicked(
  command: string,
  run: PickedRun,
  options: RunProfiledOptions,
  output: string | undefined,
  what: string,
  fail: (message: string) => never,
): Promise<Profile | null> {
  const [{ runProfiled }, { saveProfile }] = await Promise.all([import('../runner/run.js'), import('../model/file.js')]);
  const result = await runProfiled(run.script, run.args, { ...options, lines: { targets: run.targets }, relaySignals: true, nodeArgs: run.nodeArgs });
  process.exitCode = result.exitCode;
  if (result.hotpathError !== null) fail(result.hotpathError);
  const profile = result.profile;
  if (!profile) {
    process.stderr.write(`hotpath ${command}: ${run.script} ended (${result.signal ?? `exit code ${result.exitCode}`}) before its ${what} were written\n`);
    return null;
  }
  const unmatched = profile.meta.unmatchedTargets ?? [];
  if (unmatched.length > 0) fail(unmatched.map((u) => u.message).join('\n'));
  if (output !== undefined) await saveProfile(output, profile);
  return profile;
}
