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
  const spans: TimeSpan[] = [];
  const open: TimeSpan[] = []; // the spans on the stack now, by depth
  let maxDepth = -1;
  let at = start;
  const path: number[] = [];
  node.forEach((leaf, i) => {
    path.length = 0;
    for (let n = leaf; n > 0; n = parent[n]!) path.push(n); // innermost first, the root left out
    path.reverse();
    let same = 0;
    while (same < open.length && same < path.length && open[same]!.node === path[same]) same++;
    for (const span of open.splice(same)) span.end = at;
    for (let depth = same; depth < path.length; depth++) {
      const span = { node: path[depth]!, depth, start: at, end: at };
      spans.push(span);
      open.push(span);
      maxDepth = Math.max(maxDepth, depth);
    }
    at += duration[i]!;
  });
  for (const span of open) span.end = at;
  return { spans, maxDepth, end: at };
}
