/**
 * Adding profiles, as Python's `pstats.Stats(a, b)` and `Stats.add()` do: one profile whose
 * every function has the calls, primitive calls, self and inclusive times of all the inputs
 * summed, and every caller -> callee edge likewise. Functions are the same function when
 * their file, line, column and name agree (pstats keys them by file, line and name).
 *
 * Beyond pstats, which adds whatever it is given:
 * - profiles whose numbers mean different things are refused: another unit, or times sampled
 *   in one and measured around each call in the other;
 * - call trees are added too (nodes reached by the same path of functions are one node), so
 *   flame graphs and exports of the sum keep their structure; if any input has no tree, or
 *   the trees' roots differ, the sum has none;
 * - line stats are added per function and line;
 * - sample timelines are dropped: there is no one order of samples of several runs.
 * A count unknown in one input (`null`) is unknown in the sum.
 */
import type { Edge, Frame, FunctionStats, LineStats, Profile, TreeNode } from './profile.js';

/** Why a profile cannot be added to the others; `file` names it. */
export class ProfileAddError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProfileAddError';
  }
}

/** A profile and the file it came from (named in errors and notes). */
export interface NamedProfile {
  file: string;
  profile: Profile;
}

/**
 * The sum of `profiles` (at least one); the first one's metadata, with the durations summed
 * and a note naming how many were added. One profile is returned as it is.
 * @throws {@link ProfileAddError} naming the first file that does not match the first one.
 */
export function addProfiles(profiles: readonly NamedProfile[]): Profile {
  const first = profiles[0]!;
  if (profiles.length === 1) return first.profile;
  for (const other of profiles.slice(1)) checkCompatible(first, other);
  const frames: Frame[] = [];
  const frameIndex = new Map<string, number>();
  const maps = profiles.map(({ profile }) =>
    profile.frames.map((frame) => {
      const key = `${frame.file}\0${frame.line}\0${frame.column}\0${frame.name}`;
      let index = frameIndex.get(key);
      if (index === undefined) frameIndex.set(key, (index = frames.push(frame) - 1));
      return index;
    }),
  );
  const functions = sumBy(
    profiles,
    maps,
    (p) => p.functions,
    (f, map) => ({ ...f, frame: map[f.frame]! }),
    (f) => `${f.frame}`,
  );
  const edges = sumBy(
    profiles,
    maps,
    (p) => p.edges,
    (e, map) => ({ ...e, caller: map[e.caller]!, callee: map[e.callee]! }),
    (e) => `${e.caller}>${e.callee}`,
  );
  const tree = profiles.every(({ profile }) => profile.tree)
    ? addTrees(
        profiles.map((p) => p.profile.tree!),
        maps,
      )
    : undefined;
  const lines = profiles.some(({ profile }) => profile.lines) ? addLines(profiles, maps) : undefined;
  const meta = first.profile.meta;
  const duration = profiles.reduce((sum, { profile }) => sum + profile.meta.duration, 0);
  const notes = [...meta.notes, `the sum of ${profiles.length} profiles (${profiles.map((p) => p.file).join(', ')}): calls, times and edges added per function`];
  // Timelines are dropped: the runs were sampled at different times, on no common clock.
  const { tree: _tree, lines: _lines, timelines: _timelines, ...rest } = first.profile;
  return {
    ...rest,
    meta: { ...meta, duration, exactness: weakest(profiles), notes },
    frames,
    functions,
    edges,
    ...(tree ? { tree } : {}),
    ...(lines ? { lines } : {}),
  };
}

function checkCompatible(first: NamedProfile, other: NamedProfile): void {
  const { profile } = other;
  if (profile.unit !== first.profile.unit) {
    throw new ProfileAddError(other.file, `${other.file} holds ${profile.unit}, ${first.file} holds ${first.profile.unit}: profiles of different units cannot be added`);
  }
  if ((profile.measure ?? '') !== (first.profile.measure ?? '')) {
    throw new ProfileAddError(
      other.file,
      `${other.file} measures ${profile.measure ?? profile.unit}, ${first.file} measures ${first.profile.measure ?? first.profile.unit}: they cannot be added`,
    );
  }
  const [a, b] = [first.profile.meta.exactness.time, profile.meta.exactness.time];
  if (a !== b) {
    throw new ProfileAddError(other.file, `${other.file} has ${b} times, ${first.file} has ${a} times: they cannot be added (profile both the same way, with the same --mode)`);
  }
}

type Stats = FunctionStats | Edge;

function sumBy<T extends Stats>(
  profiles: readonly NamedProfile[],
  maps: readonly number[][],
  items: (profile: Profile) => readonly T[],
  remap: (item: T, map: readonly number[]) => T,
  key: (item: T) => string,
): T[] {
  const sums = new Map<string, T>();
  profiles.forEach(({ profile }, p) => {
    for (const item of items(profile)) {
      const mapped = remap(item, maps[p]!);
      const sum = sums.get(key(mapped));
      if (!sum) {
        sums.set(key(mapped), mapped);
        continue;
      }
      sum.calls = addCount(sum.calls, mapped.calls);
      sum.primitiveCalls = addCount(sum.primitiveCalls, mapped.primitiveCalls);
      sum.self += mapped.self;
      sum.total += mapped.total;
    }
  });
  return [...sums.values()];
}

// Nodes reached by the same path of (added) frames are one node. Trees whose roots are
// different functions have no common root to add under: the sum then has no tree.
function addTrees(trees: readonly TreeNode[][], maps: readonly number[][]): TreeNode[] | undefined {
  const rootFrame = maps[0]![trees[0]![0]!.frame];
  if (!trees.every((tree, t) => maps[t]![tree[0]!.frame] === rootFrame)) return undefined;
  const out: TreeNode[] = [];
  const childOf = new Map<string, number>(); // `${parent}:${frame}` -> id in out
  trees.forEach((tree, t) => {
    const newId = new Int32Array(tree.length);
    for (const node of tree) {
      const frame = maps[t]![node.frame]!;
      const parent = node.parent < 0 ? -1 : newId[node.parent]!;
      const key = `${parent}:${frame}`;
      let id = childOf.get(key);
      if (id === undefined) {
        id = out.push({ id: out.length, parent, frame, calls: node.calls, self: node.self }) - 1;
        childOf.set(key, id);
      } else {
        out[id]!.calls = addCount(out[id]!.calls, node.calls);
        out[id]!.self += node.self;
      }
      newId[node.id] = id;
    }
  });
  return out;
}

function addLines(profiles: readonly NamedProfile[], maps: readonly number[][]): LineStats[] {
  const sums = new Map<string, LineStats>();
  profiles.forEach(({ profile }, p) => {
    for (const stats of profile.lines ?? []) {
      const frame = maps[p]![stats.frame]!;
      const key = `${frame}:${stats.line}`;
      const sum = sums.get(key);
      if (sum) {
        sum.hits = addCount(sum.hits, stats.hits);
        sum.time += stats.time;
      } else sums.set(key, { ...stats, frame });
    }
  });
  return [...sums.values()];
}

// The sum is as exact as its least exact input.
function weakest(profiles: readonly NamedProfile[]): Profile['meta']['exactness'] {
  const order = ['exact', 'estimated', 'none'] as const;
  const worst = (pick: (p: Profile) => (typeof order)[number]) => order[Math.max(...profiles.map(({ profile }) => order.indexOf(pick(profile))))]!;
  const first = profiles[0]!.profile.meta.exactness;
  return { calls: worst((p) => p.meta.exactness.calls), edges: worst((p) => p.meta.exactness.edges), time: first.time };
}

function addCount(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}
