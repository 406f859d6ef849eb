/**
 * Cuts a call tree down to a size a page can draw and lay out at once: the largest nodes by
 * inclusive time are kept, and under each kept node, the children left out are merged into
 * one `(other)` node carrying their time. The flame graph's widths stay exact (every node's
 * inclusive time is unchanged); only detail too small to see is lost.
 *
 * Why "the largest N": a child's inclusive time never exceeds its parent's, so ordering nodes
 * by (inclusive time descending, id ascending) puts every parent before its children, and the
 * first N of that order is always a whole tree: no kept node loses its parent.
 */
import { inclusiveTimes } from '../model/build.js';
import type { TreeNode } from '../model/profile.js';
import type { TreeSummary, ViewTree } from './page/data.js';

/** The largest tree drawn without merging, `(other)` nodes included. */
export const DEFAULT_MAX_NODES = 20_000;

/**
 * The tree as the page gets it: every node when there are at most `maxNodes`, otherwise the
 * largest nodes plus one `(other)` node (frame `otherFrame`) per kept node that lost children,
 * at most `maxNodes` in all. Nodes stay parents-before-children, node 0 the root.
 */
export function aggregateTree(tree: readonly TreeNode[], otherFrame: number, maxNodes = DEFAULT_MAX_NODES): AggregatedTree {
  if (!Number.isSafeInteger(maxNodes) || maxNodes < 2) throw new RangeError(`maxNodes must be an integer of at least 2, got ${maxNodes}`);
  const total = inclusiveTimes(tree);
  if (tree.length <= maxNodes) {
    const nodeMap = Int32Array.from(tree, (_, i) => i);
    return { tree: copyTree(tree, total), summary: summary(tree.length, tree.length, maxNodes, 0, 0, 0), nodeMap };
  }
  const rank = rankNodes(total);
  const kept = largestKept(tree, rank, maxNodes);
  return mergeRest(tree, total, kept, otherFrame, maxNodes);
}

/** {@link aggregateTree}'s result. */
export interface AggregatedTree {
  tree: ViewTree;
  summary: TreeSummary;
  /** The drawn node each of the profile's nodes is (itself, or the `(other)` node it was merged into). */
  nodeMap: Int32Array;
}

function summary(nodes: number, shown: number, maxNodes: number, otherNodes: number, mergedNodes: number, mergedTime: number): TreeSummary {
  return { nodes, shown, maxNodes, otherNodes, mergedNodes, mergedTime };
}

function copyTree(tree: readonly TreeNode[], total: number[]): ViewTree {
  return {
    parent: tree.map((n) => n.parent),
    frame: tree.map((n) => n.frame),
    calls: tree.map((n) => n.calls),
    self: tree.map((n) => n.self),
    total,
    merged: tree.map(() => 0),
  };
}

/** Position of each node in the keep order: inclusive time descending, then id. */
function rankNodes(total: readonly number[]): Int32Array {
  const order = Array.from(total.keys()).sort((a, b) => total[b]! - total[a]! || a - b);
  const rank = new Int32Array(total.length);
  order.forEach((node, i) => (rank[node] = i));
  return rank;
}

/**
 * Which nodes to keep: the first K in rank order, K as large as it can be while K plus the
 * `(other)` nodes it needs fit in `maxNodes`. Found by bisection; K = maxNodes / 2 always fits,
 * since each `(other)` node hangs under a distinct kept node.
 */
function largestKept(tree: readonly TreeNode[], rank: Int32Array, maxNodes: number): (node: number) => boolean {
  const fits = (k: number): boolean => k + othersNeeded(tree, rank, k) <= maxNodes;
  let low = Math.floor(maxNodes / 2);
  let high = maxNodes - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return (node) => rank[node]! < low;
}

function othersNeeded(tree: readonly TreeNode[], rank: Int32Array, k: number): number {
  const parents = new Set<number>();
  for (let i = 1; i < tree.length; i++) {
    if (rank[i]! >= k && rank[tree[i]!.parent]! < k) parents.add(tree[i]!.parent);
  }
  return parents.size;
}

function mergeRest(tree: readonly TreeNode[], total: readonly number[], kept: (node: number) => boolean, otherFrame: number, maxNodes: number): AggregatedTree {
  const out: ViewTree = { parent: [], frame: [], calls: [], self: [], total: [], merged: [] };
  const newId = new Int32Array(tree.length).fill(-1);
  const size = subtreeSizes(tree);
  const other = new Map<number, number>(); // kept parent (new id) -> its (other) node
  const pending: { parent: number; time: number; nodes: number }[] = [];
  for (const node of tree) {
    if (kept(node.id)) {
      newId[node.id] = push(out, node.parent < 0 ? -1 : newId[node.parent]!, node.frame, node.calls, node.self, total[node.id]!, 0);
    } else if (node.parent >= 0 && newId[node.parent]! >= 0) {
      pending.push({ parent: newId[node.parent]!, time: total[node.id]!, nodes: size[node.id]! });
    }
  }
  // (other) nodes go after every kept node, so parents still come before children.
  let mergedTime = 0;
  let mergedNodes = 0;
  for (const { parent, time, nodes } of pending) {
    let id = other.get(parent);
    if (id === undefined) {
      id = push(out, parent, otherFrame, null, 0, 0, 0);
      other.set(parent, id);
    }
    out.self[id]! += time;
    out.total[id]! += time;
    out.merged[id]! += nodes;
    mergedTime += time;
    mergedNodes += nodes;
  }
  // A merged node is in the (other) node of its nearest kept ancestor.
  const nodeMap = newId.slice();
  for (const node of tree) {
    if (nodeMap[node.id]! >= 0) continue;
    const parent = nodeMap[node.parent]!;
    nodeMap[node.id] = newId[node.parent]! >= 0 ? other.get(parent)! : parent;
  }
  return { tree: out, summary: summary(tree.length, out.parent.length, maxNodes, other.size, mergedNodes, mergedTime), nodeMap };
}

function push(tree: ViewTree, parent: number, frame: number, calls: number | null, self: number, total: number, merged: number): number {
  tree.parent.push(parent);
  tree.frame.push(frame);
  tree.calls.push(calls);
  tree.self.push(self);
  tree.total.push(total);
  return tree.merged.push(merged) - 1;
}

function subtreeSizes(tree: readonly TreeNode[]): Int32Array {
  const size = new Int32Array(tree.length).fill(1);
  for (let i = tree.length - 1; i > 0; i--) size[tree[i]!.parent]! += size[i]!;
  return size;
}
