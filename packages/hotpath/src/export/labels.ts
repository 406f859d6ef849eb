// Names and files as the exported formats show them.
import { displayFile } from '../model/frames.js';
import type { Frame, Profile } from '../model/profile.js';
import { threadLabel } from '../model/threads.js';

/** A name on one line: line-based formats (callgrind) cannot hold line breaks. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ');
}

export { displayFile, localFile } from '../model/frames.js';

/**
 * A frame's name on one line, with its thread where the profile keeps threads apart
 * (`render [worker 1 (render.ts)]`): formats without a thread notion still tell them apart.
 */
export function displayName(profile: Profile, frame: Frame): string {
  const name = oneLine(frame.name) || '(anonymous)';
  const thread = threadLabel(profile, frame);
  return thread === '' ? name : `${name} [${oneLine(thread)}]`;
}

/**
 * A name per frame that no other frame has. Viewers that key functions by name alone
 * (KCachegrind within one object) would merge two `(anonymous)` functions; a shared name gets
 * its position appended, `(anonymous) [app.ts:12:3]`.
 */
export function uniqueNames(profile: Profile): string[] {
  const base = profile.frames.map((frame) => displayName(profile, frame));
  const count = new Map<string, number>();
  for (const name of base) count.set(name, (count.get(name) ?? 0) + 1);
  const taken = new Set<string>();
  return base.map((name, i) => {
    let unique = count.get(name)! > 1 ? `${name} [${position(profile.frames[i]!, profile.meta.cwd)}]` : name;
    for (let n = 2; taken.has(unique); n++) unique = `${name} [${position(profile.frames[i]!, profile.meta.cwd)}] #${n}`;
    taken.add(unique);
    return unique;
  });
}

function position(frame: Frame, cwd: string): string {
  const file = oneLine(displayFile(frame.file, cwd));
  return file === '' ? frame.category : `${file}:${frame.line}:${frame.column}`; // `[native]`
}
