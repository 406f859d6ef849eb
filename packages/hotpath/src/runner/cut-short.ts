import type { Profile } from '../model/profile.js';
import type { CaptureFile } from './capture-file.js';
import type { ChildEnding } from './spawn.js';

/**
 * Marks the profile of a capture written before the program's end (its heap neared the
 * limit: stop-worker.ts): `meta.cutShort` says why, and so does the first note. Whether the
 * program then ran out of memory (V8 aborts: SIGABRT) or lived on, only its end tells.
 */
export function markCutShort(profile: Profile, capture: CaptureFile, ending: ChildEnding): Profile {
  if (capture.cutShort === undefined) return profile;
  const why =
    ending.signal === 'SIGABRT'
      ? `out of memory: ${capture.cutShort} when the profile was written; what ran after is missing`
      : `${capture.cutShort}, so the profile was written then, in case the program ran out of memory; it lived on (${ending.signal ?? `exit code ${ending.exitCode}`}): what ran after is missing`;
  profile.meta.cutShort = why;
  profile.meta.notes = [`cut short: ${why}`, ...profile.meta.notes];
  return profile;
}
