// Call counts every format can write. Formats that hold counts (callgrind, pstats, dot, pprof)
// have no way to say "unknown"; sampled profiles have `calls: null`. Writing 0 would be a lie
// that breaks readers too (callgrind_annotate reads a `calls=0` edge's inclusive cost as the
// caller's self cost), so an unknown count is written as a lower bound: the number of call-tree
// nodes that ran it (each was entered at least once), or 1 without a tree.
import { callGraphFromTree } from '../model/build.js';
import type { Edge, FunctionStats, Profile } from '../model/profile.js';

/** A count as written: exact or estimated as captured, or a lower bound for an unknown one. */
export interface WrittenCount {
  calls: number;
  primitiveCalls: number;
  /** True when the capture had no count and `calls` is the lower bound described above. */
  lowerBound: boolean;
}

/** Counts to write for every function (by frame) and edge (by {@link edgeKey}). */
export interface WrittenCounts {
  functions: Map<number, WrittenCount>;
  edges: Map<string, WrittenCount>;
  /** Whether any count is a lower bound. */
  anyLowerBound: boolean;
}

/** The key of a caller -> callee pair. */
export function edgeKey(caller: number, callee: number): string {
  return `${caller}>${callee}`;
}

/** Counts for every function and edge of `profile`, unknown ones replaced by lower bounds. */
export function writtenCounts(profile: Profile): WrittenCounts {
  const floors = profile.tree
    ? callGraphFromTree(
        profile.tree.map((node) => ({ ...node, calls: node.calls ?? 1 })),
        profile.frames.length,
      )
    : { functions: [], edges: [] };
  const floorFunctions = new Map(floors.functions.map((f) => [f.frame, f]));
  const floorEdges = new Map(floors.edges.map((e) => [edgeKey(e.caller, e.callee), e]));
  let anyLowerBound = false;
  const written = (stats: FunctionStats | Edge, floor: FunctionStats | Edge | undefined): WrittenCount => {
    if (stats.calls !== null) {
      return { calls: stats.calls, primitiveCalls: stats.primitiveCalls ?? stats.calls, lowerBound: false };
    }
    anyLowerBound = true;
    const calls = Math.max(1, floor?.calls ?? 1);
    return {
      calls,
      primitiveCalls: Math.min(calls, Math.max(1, floor?.primitiveCalls ?? 1)),
      lowerBound: true,
    };
  };
  const functions = new Map(profile.functions.map((f) => [f.frame, written(f, floorFunctions.get(f.frame))]));
  const edges = new Map(
    profile.edges.map((e) => {
      const key = edgeKey(e.caller, e.callee);
      return [key, written(e, floorEdges.get(key))] as const;
    }),
  );
  return { functions, edges, anyLowerBound };
}

/** A line saying how exact the counts are, for the formats that carry comments. */
export function countsNote(profile: Profile, counts: WrittenCounts): string {
  const { calls, edges } = profile.meta.exactness;
  const parts = [`function counts ${calls}`, `edge counts ${edges}`];
  if (counts.anyLowerBound) {
    parts.push('counts the capture could not take are lower bounds (call-tree nodes that ran the function, or 1)');
  }
  return `call counts: ${parts.join('; ')}`;
}

/**
 * The profile's total time, ns (the 100% of every share): the sum of the functions' self
 * times, as pstats' total and `hotpath stats` count it. Time the tree's root holds itself
 * (outside every function the capture saw) is not part of it.
 */
export function totalTime(profile: Profile): number {
  return profile.functions.reduce((sum, f) => sum + f.self, 0);
}
