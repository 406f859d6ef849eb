// Indexes over the embedded data that several views need: stats by frame, the heat of each
// frame, edges by caller and by callee, tree children and nodes by frame.
import type { ViewData, ViewFunction } from './data.js';
import { heatOf } from './heat.js';

/** The embedded data plus the lookups the views share. */
export interface Model {
  data: ViewData;
  /** Stats of each frame, or undefined for frames without any (the root, `(other)`). */
  stats: (ViewFunction | undefined)[];
  /** Heat of each frame in [0, 1]: self time relative to the hottest function's. */
  heat: number[];
  /** Edge indices into a frame (its callers). */
  callersOf: (frame: number) => Int32Array;
  /** Edge indices out of a frame (its callees). */
  calleesOf: (frame: number) => Int32Array;
  /** Children of each tree node, heaviest first; empty when there is no tree. */
  children: number[][];
  /** Tree nodes of each frame. */
  nodesOf: number[][];
}

/** Builds the lookups once, when the page starts. */
export function buildModel(data: ViewData): Model {
  const frameCount = data.frames.length;
  const stats: (ViewFunction | undefined)[] = new Array(frameCount);
  let maxSelf = 0;
  for (const f of data.functions) {
    stats[f.frame] = f;
    maxSelf = Math.max(maxSelf, f.self);
  }
  const heat = data.frames.map((_, i) => heatOf(stats[i]?.self ?? 0, maxSelf));
  const callersOf = groupBy(data.edges.callee, frameCount);
  const calleesOf = groupBy(data.edges.caller, frameCount);
  const { children, nodesOf } = treeIndex(data, frameCount);
  return { data, stats, heat, callersOf, calleesOf, children, nodesOf };
}

function treeIndex(data: ViewData, frameCount: number): { children: number[][]; nodesOf: number[][] } {
  const tree = data.tree;
  const nodesOf = lists(frameCount);
  if (!tree) return { children: [], nodesOf };
  const children = lists(tree.parent.length);
  tree.parent.forEach((parent, i) => {
    if (parent >= 0) children[parent]!.push(i);
    nodesOf[tree.frame[i]!]!.push(i);
  });
  // Heaviest first ("left heavy"): the big subtrees line up on the left of the flame graph.
  for (const list of children) list.sort((a, b) => tree.total[b]! - tree.total[a]! || a - b);
  return { children, nodesOf };
}

/**
 * Indices `i` grouped by `keys[i]`, as one flat array and an offset per key (a counting sort):
 * two passes and two typed arrays, where an array per key would cost a growing array for each
 * of 100,000 edges.
 */
export function groupBy(keys: readonly number[], keyCount: number): (key: number) => Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (const key of keys) start[key + 1]!++;
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const next = start.slice(0, keyCount);
  const items = new Int32Array(keys.length);
  keys.forEach((key, i) => (items[next[key]!++] = i));
  return (key) => items.subarray(start[key], start[key + 1]);
}

function lists(n: number): number[][] {
  return Array.from({ length: n }, () => []);
}

/** The display name of a frame: its function name. */
export function frameName(model: Model, frame: number): string {
  return model.data.frames[frame]?.name ?? '?';
}
