/**
 * Merging the line stats of several runs (`hotpath lines --show A B`): hits and times of the
 * same function and line are summed, as kernprof's `.lprof` files merge. Runs of code that
 * changed in between are refused: a function's recorded source hash must agree.
 */
import type { Frame, LineStats, Profile } from '../model/profile.js';
import { isSourceNote, sourceNote, sourcesOf, type FunctionSource } from './line-sources.js';

/** Why profiles cannot be merged. */
export class LineMergeError extends Error {}

const key = (f: Pick<Frame, 'name' | 'file' | 'line'>): string => `${f.file}\0${f.line}\0${f.name}`;

/** One profile holding the summed line stats of `profiles` (the first one's metadata). */
export function mergeLineProfiles(profiles: readonly Profile[]): Profile {
  const first = profiles[0]!;
  if (profiles.length === 1) return first;
  const frames: Frame[] = [];
  const index = new Map<string, number>();
  const sums = new Map<string, LineStats>();
  const sources = new Map<string, FunctionSource>();
  const calls = new Map<number, number | null>();
  for (const profile of profiles) {
    for (const source of sourcesOf(profile)) checkSource(sources, source);
    for (const stats of profile.lines ?? []) {
      const frame = profile.frames[stats.frame]!;
      let at = index.get(key(frame));
      if (at === undefined) index.set(key(frame), (at = frames.push(frame) - 1));
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
  const functions = frames.map((_, frame) => {
    const total = lines.filter((l) => l.frame === frame).reduce((sum, l) => sum + l.time, 0);
    return { frame, calls: calls.get(frame) ?? null, primitiveCalls: null, self: total, total };
  });
  const notes = [...[...sources.values()].map(sourceNote), ...first.meta.notes.filter((n) => !isSourceNote(n)), `merged from ${profiles.length} runs`];
  return { ...first, meta: { ...first.meta, notes }, frames, functions, edges: [], tree: undefined, lines };
}

function checkSource(sources: Map<string, FunctionSource>, source: FunctionSource): void {
  const known = sources.get(key(source));
  if (known && known.hash !== source.hash) {
    throw new LineMergeError(`the source of ${source.name} (${source.file}:${source.line}) differs between the runs: refusing to merge`);
  }
  sources.set(key(source), source);
}

function add(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
