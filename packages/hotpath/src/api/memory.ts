import type { MemoryBackend } from '../capture/memory/clock.js';
import type { Profile } from '../model/profile.js';

/** Options of {@link memoryProfile}. */
export interface MemoryProfileOptions {
  /** The functions whose lines are measured (default: `fn` itself). They must be defined in a module or script file. */
  functions?: ReadonlyArray<(...args: never[]) => unknown>;
  /** Which memory is read: `'heap'` (V8's heap plus external memory, the default) or `'rss'`. */
  backend?: MemoryBackend;
}

/** What {@link memoryProfile} returns: the function's result and the memory line profile of the call. */
export interface MemoryProfileResult<T> {
  result: T;
  /** Unit bytes; `lines` hold each line's Increment (`time`), Mem usage (`memory`) and Occurrences (`hits`). */
  profile: Profile;
}

/**
 * memory_profiler's `@profile`, from code: calls `fn` (awaiting a promise) with the memory of
 * every line of `functions` (default `fn`) measured as `hotpath memory` measures it, in this
 * process: the functions' code is swapped for instrumented code while the call runs (V8's
 * LiveEdit, through the inspector), then put back. Print the profile with
 * `renderMemoryTable`. If `fn` throws, the error is rethrown and the profile is lost.
 *
 * @example
 * ```ts
 * const { profile } = await memoryProfile(() => benchmarkMemory());
 * process.stdout.write(renderMemoryTable(profile));
 * ```
 */
export async function memoryProfile<T>(fn: () => T | Promise<T>, options: MemoryProfileOptions = {}): Promise<MemoryProfileResult<Awaited<T>>> {
  const functions = options.functions ?? [fn];
  const picked = functions.map((value) => ({ name: value.name || '(anonymous)', value }));
  let result: Awaited<T> | undefined;
  // Loaded when called: the inspector and the transform are no cost to the package's other users.
  const { profileLinesLive } = await import('../repl/live-patch.js');
  const { profile, error } = await profileLinesLive(
    picked,
    async () => {
      result = await fn();
    },
    [fn.name || '(anonymous)'],
    { memory: options.backend ?? 'heap' },
  );
  if (error !== null) throw error;
  return { result: result as Awaited<T>, profile };
}
