/**
 * Folding: Node's internals and third-party packages shown as one function each
 * (`<node internals>`, `<node_modules>`), the way a table should show code the user does not
 * own. A pure Profile -> Profile processor, shared by the CLI tables and the HTML view.
 *
 * What folding keeps consistent:
 * - Frames are renumbered: unfolded frames keep their order, the folded frames come last.
 * - The tree (when present) merges a folded node into its parent when both are the same
 *   folded frame (an internal calling an internal), then merges siblings that became equal.
 * - Functions and edges of unfolded frames are unchanged; edges into, out of and between
 *   groups are summed per caller/callee pair. Calls *inside* a group (internal -> internal)
 *   are dropped, not kept as self-edges: they are not recursion the user could act on, and
 *   the merged tree does not have them either.
 * - A group's own stats: self time is summed (exact). Where a tree exists, its inclusive time,
 *   and its counts when the tree has them, come from the folded tree the way cProfile counts
 *   them; otherwise calls are the members' calls minus the calls between members, and
 *   inclusive time sums entries from outside the group (over-counted only for re-entry through
 *   user callbacks, like recursion). Without a tree, an edge into a group carries only the
 *   self time of the member called directly: the graph cannot tell which caller the time of
 *   the members it called in turn belongs to.
 * - Per-line stats of folded frames are dropped (a group spans many files).
 * - Sample timelines follow the tree: a sample of a merged node is a sample of the node it
 *   merged into, so the order and the times are kept.
 */
import { callGraphFromTree } from './build.js';
import type { Edge, Frame, FunctionStats, LineStats, Profile, TreeNode } from './profile.js';
import { remapTimelines } from './timeline.js';

/** Which categories to fold; both default to `true`. */
export interface FoldOptions {
  /** Fold `node:` internals into `<node internals>`. */
  node?: boolean;
  /** Fold code under `node_modules` into `<node_modules>`. */
  nodeModules?: boolean;
}

/** Name of the frame standing for all Node internals after folding. */
export const NODE_INTERNALS = '<node internals>';
/** Name of the frame standing for all of node_modules after folding. */
export const NODE_MODULES = '<node_modules>';

interface FrameMap {
  frames: Frame[];
  /** New index of each old frame. */
  map: number[];
  /** Whether a new frame index is a folded group. */
  folded: boolean[];
}

/**
 * Folds Node internals and node_modules into one frame each (see the module comment for what
 * is merged and how). Returns `profile` itself when nothing is to be folded.
 */
export function foldProfile(profile: Profile, options: FoldOptions = {}): Profile {
  const frames = mapFrames(profile.frames, options.node ?? true, options.nodeModules ?? true);
  if (!frames.folded.includes(true)) return profile;
  const folded = profile.tree && foldTree(profile.tree, frames);
  const tree = folded?.tree;
  const graph = foldGraph(profile, frames);
  if (tree) refineFromTree(graph, callGraphFromTree(tree, frames.frames.length), frames);
  const lines = profile.lines && foldLines(profile.lines, frames);
  return {
    ...profile,
    frames: frames.frames,
    functions: graph.functions,
    edges: graph.edges,
    ...(tree ? { tree } : {}),
    ...(lines ? { lines } : {}),
    ...(folded && profile.timelines ? { timelines: remapTimelines(profile.timelines, folded.newId) } : {}),
  };
}

function mapFrames(old: readonly Frame[], node: boolean, nodeModules: boolean): FrameMap {
  const groupOf = (frame: Frame): string | null => (node && frame.category === 'node' ? NODE_INTERNALS : nodeModules && frame.category === 'node_modules' ? NODE_MODULES : null);
  const frames = old.filter((frame) => groupOf(frame) === null);
  const firstGroup = frames.length;
  const groupIndex = new Map<string, number>();
  let kept = 0;
  const map = old.map((frame) => {
    const group = groupOf(frame);
    if (group === null) return kept++;
    let index = groupIndex.get(group);
    if (index === undefined) {
      index = frames.push({ name: group, file: '', line: 0, column: 0, category: frame.category }) - 1;
      groupIndex.set(group, index);
    }
    return index;
  });
  return { frames, map, folded: frames.map((_, i) => i >= firstGroup) };
}

// The folded tree, and the new id of each old node.
function foldTree(tree: readonly TreeNode[], frames: FrameMap): { tree: TreeNode[]; newId: number[] } {
  const out: TreeNode[] = [];
  const newId: number[] = [];
  const childByFrame = new Map<string, number>(); // `${parent}:${frame}` -> new id
  for (const node of tree) {
    const frame = frames.map[node.frame]!;
    if (node.parent < 0) {
      newId[node.id] = out.push({ id: 0, parent: -1, frame, calls: node.calls, self: node.self }) - 1;
      continue;
    }
    const parent = newId[node.parent]!;
    if (frames.folded[frame] && out[parent]!.frame === frame) {
      // An internal calling an internal is still inside the group: no new entry.
      out[parent]!.self += node.self;
      newId[node.id] = parent;
      continue;
    }
    const sibling = childByFrame.get(`${parent}:${frame}`);
    if (sibling !== undefined) {
      // Two callees that folded into the same group under one caller are one child.
      out[sibling]!.self += node.self;
      out[sibling]!.calls = addCounts(out[sibling]!.calls, node.calls);
      newId[node.id] = sibling;
      continue;
    }
    const id = out.push({ id: out.length, parent, frame, calls: node.calls, self: node.self }) - 1;
    childByFrame.set(`${parent}:${frame}`, id);
    newId[node.id] = id;
  }
  return { tree: out, newId };
}

interface Graph {
  functions: FunctionStats[];
  edges: Edge[];
}

function foldGraph(profile: Profile, frames: FrameMap): Graph {
  const edges = new Map<string, Edge>();
  const internalCalls = new Map<number, number | null>(); // group -> calls between its members
  const entryTotal = new Map<number, number>(); // group -> inclusive time entered from outside
  for (const edge of profile.edges) {
    const caller = frames.map[edge.caller]!;
    const callee = frames.map[edge.callee]!;
    if (caller === callee && frames.folded[callee]) {
      internalCalls.set(callee, addCounts(internalCalls.get(callee) ?? 0, edge.calls));
      continue;
    }
    if (frames.folded[callee]) entryTotal.set(callee, (entryTotal.get(callee) ?? 0) + edge.total);
    const key = `${caller}>${callee}`;
    const merged = edges.get(key);
    if (merged) addStats(merged, edge);
    else edges.set(key, { ...edge, caller, callee });
  }
  const functions = foldFunctions(profile.functions, frames, internalCalls, entryTotal);
  return { functions, edges: [...edges.values()] };
}

function foldFunctions(old: readonly FunctionStats[], frames: FrameMap, internalCalls: Map<number, number | null>, entryTotal: Map<number, number>): FunctionStats[] {
  const functions = new Map<number, FunctionStats>();
  for (const stats of old) {
    const frame = frames.map[stats.frame]!;
    const merged = functions.get(frame);
    if (!merged) {
      functions.set(frame, { ...stats, frame });
      continue;
    }
    // Only group members meet here: an unfolded frame maps to itself alone.
    const total = Math.max(merged.total, stats.total);
    addStats(merged, stats);
    merged.total = total;
  }
  for (const [frame, stats] of functions) {
    if (!frames.folded[frame]) continue;
    stats.calls = subtractCounts(stats.calls, internalCalls.get(frame) ?? 0);
    stats.primitiveCalls = stats.calls === null ? null : Math.min(stats.calls, stats.primitiveCalls ?? stats.calls);
    // Entries from outside the group hold its inclusive time; a group entered only from the
    // top of the stack has none, so the largest member's total is the floor.
    stats.total = Math.max(stats.total, entryTotal.get(frame) ?? 0);
  }
  return [...functions.values()];
}

/** Times (and counts, where the tree has them) of folded groups, taken from the folded tree. */
function refineFromTree(graph: Graph, fromTree: Graph, frames: FrameMap): void {
  const treeFunctions = new Map(fromTree.functions.map((f) => [f.frame, f]));
  const treeEdges = new Map(fromTree.edges.map((e) => [`${e.caller}>${e.callee}`, e]));
  for (const stats of graph.functions) {
    if (frames.folded[stats.frame]) refine(stats, treeFunctions.get(stats.frame));
  }
  for (const edge of graph.edges) {
    if (frames.folded[edge.caller] || frames.folded[edge.callee]) {
      refine(edge, treeEdges.get(`${edge.caller}>${edge.callee}`));
    }
  }
}

function refine(target: FunctionStats | Edge, exact: FunctionStats | Edge | undefined): void {
  if (!exact) return;
  target.self = exact.self;
  target.total = exact.total;
  if (exact.calls !== null) {
    target.calls = exact.calls;
    target.primitiveCalls = exact.primitiveCalls;
  }
}

function foldLines(lines: readonly LineStats[], frames: FrameMap): LineStats[] {
  return lines.map((line) => ({ ...line, frame: frames.map[line.frame]! })).filter((line) => !frames.folded[line.frame]);
}

function addStats(target: FunctionStats | Edge, source: FunctionStats | Edge): void {
  target.calls = addCounts(target.calls, source.calls);
  target.primitiveCalls = addCounts(target.primitiveCalls, source.primitiveCalls);
  target.self += source.self;
  target.total += source.total;
}

function addCounts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function subtractCounts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.max(0, a - b);
}
