import type { Profile } from '../model/profile.js';
import type { CaptureFile } from './capture-file.js';

/**
 * Marks the profile of a capture that was written before the program's end (it was about
 * to run out of memory: stop-worker.ts): `meta.cutShort` says why, and so does a note.
 */
export function markCutShort(profile: Profile, capture: CaptureFile): Profile {
  if (capture.cutShort === undefined) return profile;
  profile.meta.cutShort = capture.cutShort;
  profile.meta.notes = [`cut short: ${capture.cutShort}`, ...profile.meta.notes];
  return profile;
}
