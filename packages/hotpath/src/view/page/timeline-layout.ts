// Where each rectangle of the time-order view sits (a flame chart: x = time, the outermost
// caller on top): consecutive samples that share a call-tree node at a depth are one
// rectangle there. Pure, so tests run it in Node.

/** One rectangle: a call-tree node over a span of time. */
export interface TimeSpan {
  node: number;
  /** Row: 0 for the root's children (the root, under every sample, is not drawn). */
  depth: number;
  /** ns from the earliest timeline's start. */
  start: number;
  end: number;
}

/** The spans of one timeline, in the order they open, and the deepest row. */
export interface TimelineLayout {
  spans: TimeSpan[];
  maxDepth: number;
  /** The end of the last sample, ns. */
  end: number;
}

/**
 * Lays out runs of samples (`node[i]` for `duration[i]` ns; -1 a gap, under no function)
 * starting at `start`, on a tree given by `parent` (node 0 the root). A span opens where a run's
 * stack first differs from the previous run's at its depth and closes where it stops being on
 * the stack: a loop calling `f` over and over is one span of `f` only where no sample fell
 * between the calls (a sampler cannot tell the calls apart).
 */
export function layoutTimeline(parent: readonly number[], node: readonly number[], duration: readonly number[], start: number): TimelineLayout {
  const depth = new Int32Array(parent.length); // the root 0, its children 1 (row 0)
  for (let n = 1; n < parent.length; n++) depth[n] = depth[parent[n]!]! + 1;
  const depthOf = (n: number): number => (n < 0 ? -1 : depth[n]!);
  const spans: TimeSpan[] = [];
  const open: TimeSpan[] = []; // the spans on the stack now, by row
  const opening: number[] = [];
  let maxDepth = -1;
  let current = -1;
  let at = start;
  // From the current stack to `target`'s: up to their common ancestor and down, so the work is
  // the number of spans closed and opened, however deep the stacks are.
  const moveTo = (target: number): void => {
    let from = current;
    let to = target;
    opening.length = 0;
    while (from !== to) {
      if (depthOf(from) >= depthOf(to)) from = parent[from]!;
      else {
        opening.push(to);
        to = parent[to]!;
      }
    }
    for (const span of open.splice(Math.max(0, depthOf(from)))) span.end = at;
    for (let i = opening.length - 1; i >= 0; i--) {
      if (opening[i] === 0) continue; // the root is under every sample: not drawn
      const span = { node: opening[i]!, depth: depth[opening[i]!]! - 1, start: at, end: at };
      spans.push(span);
      open.push(span);
      maxDepth = Math.max(maxDepth, span.depth);
    }
    current = target;
  };
  node.forEach((leaf, i) => {
    moveTo(leaf);
    at += duration[i]!;
  });
  moveTo(-1);
  return { spans, maxDepth, end: at };
}
