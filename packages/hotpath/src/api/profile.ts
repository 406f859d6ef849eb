import type { Profile } from '../model/profile.js';
import { Profiler, type ProfilerOptions } from './profiler.js';

/** What {@link profile} returns: the function's result and the profile of its run. */
export interface ProfileResult<T> {
  result: T;
  profile: Profile;
}

/**
 * Profiles one call of `fn` in this process (sample mode; see {@link Profiler} for what is
 * exact), awaiting it if it returns a promise. If `fn` throws, the error is rethrown and
 * the profile is lost; profile a whole program with {@link run} to keep it.
 *
 * @example
 * ```ts
 * const { result, profile: p } = await profile(() => taylorExp(500));
 * ```
 */
export async function profile<T>(fn: () => T | Promise<T>, options: ProfilerOptions = {}): Promise<ProfileResult<Awaited<T>>> {
  const profiler = new Profiler({ label: [fn.name || '(anonymous)'], ...options });
  profiler.enable();
  let result: Awaited<T>;
  try {
    result = await fn();
  } finally {
    profiler.disable();
  }
  return { result, profile: profiler.getStats() };
}
