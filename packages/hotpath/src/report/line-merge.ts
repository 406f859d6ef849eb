/**
 * Merging the line stats of several runs (`hotpath lines --show A B`): hits and times of the
 * same function and line are summed, as kernprof's `.lprof` files merge. Runs of code that
 * changed in between are refused: a function's `sourceHash` must agree where both runs have one.
 */
import type { Frame, LineStats, Profile } from '../model/profile.js';

/** Why profiles cannot be merged. */
export class LineMergeError extends Error {}

/** A saved run: its profile and the file it was read from (named in errors). */
export interface LineRun {
  file: string;
  profile: Profile;
}

const key = (f: Pick<Frame, 'name' | 'file' | 'line'>): string => `${f.file}\0${f.line}\0${f.name}`;

/** One profile holding the summed line stats of `runs` (the first one's metadata). */
export function mergeLineProfiles(runs: readonly LineRun[]): Profile {
  const first = runs[0]!.profile;
  if (runs.length === 1) return first;
  const frames: Frame[] = [];
  const from: string[] = []; // the run each merged frame's sourceHash came from
  const index = new Map<string, number>();
  const sums = new Map<string, LineStats>();
  const calls = new Map<number, number | null>();
  for (const { file, profile } of runs) {
    for (const stats of profile.lines ?? []) {
      const frame = profile.frames[stats.frame]!;
      let at = index.get(key(frame));
      if (at === undefined) {
        index.set(key(frame), (at = frames.push(frame) - 1));
        from.push(file);
      } else if (frame.sourceHash !== undefined && frame.sourceHash !== frames[at]!.sourceHash) {
        // A file written before frames had a hash cannot be checked; it is merged as it is.
        if (frames[at]!.sourceHash !== undefined) {
          throw new LineMergeError(`the source of ${frame.name} (${frame.file}:${frame.line}) differs between ${from[at]} and ${file}: refusing to merge`);
        }
        [frames[at], from[at]] = [frame, file];
      }
      const sum = sums.get(`${at}:${stats.line}`);
      if (!sum) sums.set(`${at}:${stats.line}`, { ...stats, frame: at });
      else sums.set(`${at}:${stats.line}`, { ...sum, hits: add(sum.hits, stats.hits), time: sum.time + stats.time });
    }
    for (const fn of profile.functions) {
      const at = index.get(key(profile.frames[fn.frame]!));
      if (at !== undefined) calls.set(at, calls.has(at) ? add(calls.get(at)!, fn.calls) : fn.calls);
    }
  }
  const lines = [...sums.values()].sort((a, b) => a.frame - b.frame || a.line - b.line);
  const times = new Array<number>(frames.length).fill(0);
  for (const l of lines) times[l.frame]! += l.time;
  const functions = frames.map((_, frame) => {
    const total = times[frame]!;
    return { frame, calls: calls.get(frame) ?? null, primitiveCalls: null, self: total, total };
  });
  // The first run's notes stand for all (the runs were taken the same way); per-run figures
  // in them, such as tick counts, are that run's.
  const notes = [...first.meta.notes, `merged from ${runs.length} runs (notes of the first)`];
  return { ...first, meta: { ...first.meta, notes }, frames, functions, edges: [], tree: undefined, timelines: undefined, lines };
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
