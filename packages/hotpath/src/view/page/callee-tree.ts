// The tree a callee map draws: a function's inclusive time split among the functions it
// called, nested by callee, as KCachegrind's Callee Map. From a call tree it is exact (all of
// the function's outermost activations merged path by path); from a graph-only profile it is
// estimated from the caller -> callee edges, as KCachegrind does. Pure, so tests run it in Node.

/** A node of a callee tree: a frame reached along one path of calls below the root. */
export interface CalleeNode {
  /** The frame, or -1 for the synthetic root of a graph-only profile's whole program. */
  frame: number;
  /** Inclusive time, ns. */
  total: number;
  children: CalleeNode[];
}

/** The call tree fields {@link calleeTreeFromTree} reads. */
export interface TreeColumns {
  parent: readonly number[];
  frame: readonly number[];
  total: readonly number[];
}

/**
 * The callee tree of `root` (a frame) from a call tree: every node of `root` not nested in
 * another one (recursion is counted once), their subtrees merged by path. `root === null`
 * gives the whole tree. Returns null when `root` does not occur in the tree.
 */
export function calleeTreeFromTree(tree: TreeColumns, root: number | null): CalleeNode | null {
  const merged: number[] = new Array(tree.frame.length).fill(-1); // tree node -> callee node
  const nodes: CalleeNode[] = [];
  // (callee parent, frame) -> callee node, keyed by one number: string keys cost more than
  // the whole walk on a 20,000-node tree.
  const frameCount = tree.frame.reduce((max, frame) => Math.max(max, frame), 0) + 1;
  const byPath = new Map<number, number>();
  for (let node = 0; node < tree.frame.length; node++) {
    const frame = tree.frame[node]!;
    const parent = tree.parent[node]! >= 0 ? merged[tree.parent[node]!]! : -1;
    if (parent < 0) {
      if (root !== null ? frame !== root : node !== 0) continue;
      if (nodes.length === 0) nodes.push({ frame, total: 0, children: [] });
      merged[node] = 0;
      nodes[0]!.total += tree.total[node]!;
      continue;
    }
    const key = parent * frameCount + frame;
    let target = byPath.get(key);
    if (target === undefined) {
      target = nodes.push({ frame, total: 0, children: [] }) - 1;
      nodes[parent]!.children.push(nodes[target]!);
      byPath.set(key, target);
    }
    nodes[target]!.total += tree.total[node]!;
    merged[node] = target;
  }
  for (const node of nodes) node.children.sort((a, b) => b.total - a.total);
  return nodes[0] ?? null;
}

/** The call graph fields {@link calleeTreeFromGraph} reads. */
export interface GraphColumns {
  /** Edge indices out of a frame. */
  calleesOf: (frame: number) => ArrayLike<number> & Iterable<number>;
  /** Edge indices into a frame. */
  callersOf: (frame: number) => ArrayLike<number>;
  callee: readonly number[];
  /** Inclusive time along each edge. */
  edgeTotal: readonly number[];
  /** Inclusive time of each frame (cumtime); 0 for frames without stats. */
  frameTotal: readonly number[];
}

/** Limits on an estimated callee tree, which could otherwise grow with every path. */
export interface GraphLimits {
  maxDepth: number;
  maxNodes: number;
}

/**
 * The callee tree of `root` estimated from edges: each callee gets the edge's share of its
 * caller's time, scaled by the caller's weight on this path; a callee already on the path
 * (recursion, cycles) is not expanded again. `root === null` starts from the functions nobody
 * called. Breadth first, so the node budget goes to the shallow, wide levels first.
 */
export function calleeTreeFromGraph(graph: GraphColumns, root: number | null, limits: GraphLimits): CalleeNode {
  const top: CalleeNode = root === null ? { frame: -1, total: 0, children: [] } : { frame: root, total: graph.frameTotal[root] ?? 0, children: [] };
  if (root === null) {
    graph.frameTotal.forEach((total, frame) => {
      if (total > 0 && graph.callersOf(frame).length === 0) top.children.push({ frame, total, children: [] });
    });
    top.total = top.children.reduce((sum, child) => sum + child.total, 0);
  }
  const queue: { node: CalleeNode; path: Set<number>; depth: number }[] =
    root === null ? top.children.map((node) => ({ node, path: new Set([node.frame]), depth: 1 })) : [{ node: top, path: new Set([root]), depth: 0 }];
  let budget = limits.maxNodes;
  for (let i = 0; i < queue.length && budget > 0; i++) {
    const { node, path, depth } = queue[i]!;
    if (depth >= limits.maxDepth) continue;
    const scale = node.total / Math.max(1, graph.frameTotal[node.frame] ?? 0);
    for (const edge of graph.calleesOf(node.frame)) {
      const frame = graph.callee[edge]!;
      const total = Math.min(node.total, graph.edgeTotal[edge]! * scale);
      if (path.has(frame) || total <= 0 || budget-- <= 0) continue;
      const child: CalleeNode = { frame, total, children: [] };
      node.children.push(child);
      queue.push({ node: child, path: new Set([...path, frame]), depth: depth + 1 });
    }
    node.children.sort((a, b) => b.total - a.total);
  }
  return top;
}
