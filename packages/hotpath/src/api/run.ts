import type { Profile } from '../model/profile.js';
import { runProfiled, type RunProfiledOptions } from '../runner/run.js';

/** Options of {@link run}. */
export interface RunOptions extends Omit<RunProfiledOptions, 'relaySignals'> {
  /** Arguments for the script (`process.argv.slice(2)` in it). */
  args?: string[];
}

/** What {@link run} resolves to. */
export interface RunResult {
  /** The program's exit code; 128 + the signal's number when a signal ended it. */
  exitCode: number;
  /** The signal that ended the program, if one did. */
  signal: NodeJS.Signals | null;
  /** Its profile; `null` when it ended before writing one (SIGKILL, a crash of node). */
  profile: Profile | null;
}

/**
 * Runs a script in a new process as `node path ...args` would (TypeScript included: types
 * are stripped in place, positions kept) and profiles it from its first line, like
 * `hotpath profile`. Sample mode counts the calls of the program's own functions exactly;
 * trace mode (`mode: 'trace'`) also counts every caller -> callee edge exactly.
 * The program inherits this process's stdio unless `stdio` says otherwise.
 *
 * @example
 * ```ts
 * const { exitCode, profile } = await run('examples/taylor.ts', { mode: 'trace' });
 * ```
 */
export async function run(path: string, options: RunOptions = {}): Promise<RunResult> {
  const { args = [], ...rest } = options;
  const { exitCode, signal, profile } = await runProfiled(path, args, rest);
  return { exitCode, signal, profile };
}
