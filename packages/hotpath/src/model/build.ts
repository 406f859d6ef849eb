import type { Edge, FunctionStats, TreeNode } from './profile.js';

/** The call-graph view of a call tree: what pstats, callgrind and the tables read. */
export interface CallGraph {
  functions: FunctionStats[];
  edges: Edge[];
}

/**
 * Inclusive time of every tree node (self plus subtree), indexed by node id.
 * Relies on the parent-before-child order of {@link Profile.tree}.
 */
export function inclusiveTimes(tree: readonly TreeNode[]): number[] {
  const total = tree.map((node) => node.self);
  for (let i = tree.length - 1; i > 0; i--) {
    const node = tree[i]!;
    total[node.parent]! += total[i]!;
  }
  return total;
}

/**
 * Derives per-function stats and caller -> callee edges from a call tree, the way
 * cProfile accounts them:
 * - a function's cumulative time counts only its outermost activation on a stack, so
 *   recursion is not counted twice; its primitive calls are the calls made while it was
 *   not already on the stack (`188000/750`);
 * - an edge's primitive calls and cumulative time likewise count only activations of
 *   the edge not nested inside the same edge (`187250/749` for factorial -> factorial).
 * Counts stay `null` where any contributing node has `calls: null` (sampled trees).
 *
 * @param frameCount - number of frames; stats are returned for the frames that occur.
 */
export function callGraphFromTree(tree: readonly TreeNode[], frameCount: number): CallGraph {
  const total = inclusiveTimes(tree);
  const children = childLists(tree);
  const functions = new Map<number, FunctionStats>();
  const edges = new Map<string, Edge>();
  const activeFrames = new Array<number>(frameCount).fill(0);
  const activeEdges = new Map<string, number>();

  // Iterative depth-first walk: on entry a node is charged, on exit it leaves the stack.
  const stack: Array<{ id: number; exiting: boolean }> = [{ id: 0, exiting: false }];
  while (stack.length > 0) {
    const { id, exiting } = stack.pop()!;
    const node = tree[id]!;
    const parentFrame = node.parent >= 0 ? tree[node.parent]!.frame : -1;
    const edgeKey = `${parentFrame}>${node.frame}`;
    if (exiting) {
      activeFrames[node.frame]!--;
      if (parentFrame >= 0) activeEdges.set(edgeKey, activeEdges.get(edgeKey)! - 1);
      continue;
    }
    if (id !== 0) {
      chargeFunction(functions, node, total[id]!, activeFrames[node.frame] === 0);
      if (parentFrame >= 0 && node.parent !== 0) {
        chargeEdge(edges, edgeKey, parentFrame, node, total[id]!, !activeEdges.get(edgeKey));
      }
    }
    activeFrames[node.frame]!++;
    if (parentFrame >= 0) activeEdges.set(edgeKey, (activeEdges.get(edgeKey) ?? 0) + 1);
    stack.push({ id, exiting: true });
    for (const child of children[id]!) stack.push({ id: child, exiting: false });
  }
  return { functions: [...functions.values()], edges: [...edges.values()] };
}

function childLists(tree: readonly TreeNode[]): number[][] {
  const children: number[][] = tree.map(() => []);
  for (let i = 1; i < tree.length; i++) children[tree[i]!.parent]!.push(i);
  return children;
}

function addCount(sum: number | null, count: number | null): number | null {
  return sum === null || count === null ? null : sum + count;
}

function chargeFunction(functions: Map<number, FunctionStats>, node: TreeNode, total: number, outermost: boolean): void {
  let stats = functions.get(node.frame);
  if (!stats) {
    stats = { frame: node.frame, calls: 0, primitiveCalls: 0, self: 0, total: 0 };
    functions.set(node.frame, stats);
  }
  stats.calls = addCount(stats.calls, node.calls);
  stats.self += node.self;
  if (outermost) {
    stats.primitiveCalls = addCount(stats.primitiveCalls, node.calls);
    stats.total += total;
  }
}

function chargeEdge(edges: Map<string, Edge>, key: string, caller: number, node: TreeNode, total: number, outermost: boolean): void {
  let edge = edges.get(key);
  if (!edge) {
    edge = { caller, callee: node.frame, calls: 0, primitiveCalls: 0, self: 0, total: 0 };
    edges.set(key, edge);
  }
  edge.calls = addCount(edge.calls, node.calls);
  edge.self += node.self;
  if (outermost) {
    edge.primitiveCalls = addCount(edge.primitiveCalls, node.calls);
    edge.total += total;
  }
}
