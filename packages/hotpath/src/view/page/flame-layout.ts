// Where each call-tree node sits in the flame graph (an icicle: the root on top, callees
// below their callers): a start on the time axis and a depth. Pure, so tests run it in Node.

/** Start of each node on the time axis (ns from the root's start) and its depth. */
export interface FlameLayout {
  x: Float64Array;
  depth: Int32Array;
  maxDepth: number;
}

/**
 * Lays children side by side under their parent, in the order of `children` (heaviest first
 * in the page), each as wide as its inclusive time. A parent's self time is the gap after its
 * last child. Nodes must be numbered parents before children, node 0 the root.
 */
export function layoutFlame(total: readonly number[], children: readonly (readonly number[])[]): FlameLayout {
  const x = new Float64Array(total.length);
  const depth = new Int32Array(total.length);
  let maxDepth = 0;
  for (let node = 0; node < total.length; node++) {
    let next = x[node]!;
    for (const child of children[node] ?? []) {
      x[child] = next;
      depth[child] = depth[node]! + 1;
      maxDepth = Math.max(maxDepth, depth[child]!);
      next += total[child]!;
    }
  }
  return { x, depth, maxDepth };
}

/** The ancestors of `node`, root first, `node` excluded. */
export function ancestors(parent: readonly number[], node: number): number[] {
  const path: number[] = [];
  for (let at = parent[node]!; at >= 0; at = parent[at]!) path.push(at);
  return path.reverse();
}

/**
 * Which nodes match, marking only the outermost of nested matches in `outermost` so that the
 * matched time is not counted twice (a recursive function matches at every level).
 */
export function matchNodes(frame: readonly number[], parent: readonly number[], matches: (frame: number) => boolean): { matched: Uint8Array; outermost: Uint8Array } {
  const matched = new Uint8Array(frame.length);
  const inside = new Uint8Array(frame.length); // a match on the path above, this node included
  const outermost = new Uint8Array(frame.length);
  for (let node = 0; node < frame.length; node++) {
    const above = parent[node]! >= 0 ? inside[parent[node]!]! : 0;
    if (matches(frame[node]!)) {
      matched[node] = 1;
      if (!above) outermost[node] = 1;
      inside[node] = 1;
    } else {
      inside[node] = above;
    }
  }
  return { matched, outermost };
}
