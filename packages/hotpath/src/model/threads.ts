import type { Frame, Profile } from './profile.js';

/**
 * The thread a frame ran on, as tables show it (`main`, `worker 1 (render.mjs)`); `''` for a
 * frame of a profile that merged its threads or had one.
 */
export function threadLabel(profile: Profile, frame: Frame): string {
  if (frame.thread === undefined) return '';
  return profile.meta.threads?.find((t) => t.id === frame.thread)?.name ?? `thread ${frame.thread}`;
}
