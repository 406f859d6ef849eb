/**
 * The data a report page is given: what `hotpath view` derives from a profile (folded, labelled,
 * the call tree aggregated, source files read) and embeds as JSON. Shared by the Node side
 * that writes it and the page that reads it, so the two cannot drift apart.
 *
 * Large arrays are stored column by column (one array per field), which keeps a report of a
 * 100,000-node profile a few megabytes instead of tens. All times are integer nanoseconds.
 */

/** Units of the table's time columns, as `hotpath stats --unit` offers them. */
export type Unit = 's' | 'ms' | 'us';

/** The marker of the embedded JSON. */
export const VIEW_FORMAT = 'hotpath-view';
/** The version of the embedded JSON; the page refuses others. */
export const VIEW_VERSION = 1;

/** A function of the profile as the page shows it. */
export interface ViewFrame {
  name: string;
  /** pstats' `file:line(name)`, files relative to the profile's cwd. */
  label: string;
  /** The file as shown (relative to the cwd where possible); `''` when none. */
  file: string;
  line: number;
  category: string;
  /** Index into {@link ViewData.sources}, or -1 when its source is not inlined. */
  source: number;
}

/** Per-function statistics (pstats' ncalls, tottime, cumtime). */
export interface ViewFunction {
  frame: number;
  calls: number | null;
  primitiveCalls: number | null;
  self: number;
  total: number;
}

/** Caller -> callee edges, one array per field, edge `i` across all of them. */
export interface ViewEdges {
  caller: number[];
  callee: number[];
  calls: (number | null)[];
  primitiveCalls: (number | null)[];
  self: number[];
  total: number[];
}

/**
 * The call tree as the page draws it, node `i` across all arrays, parents before children and
 * node 0 the root. `merged[i]` is 0 for a node of the profile and, for an `(other)` node, the
 * number of the profile's nodes merged into it.
 */
export interface ViewTree {
  parent: number[];
  frame: number[];
  calls: (number | null)[];
  self: number[];
  /** Inclusive time: self plus the subtree. */
  total: number[];
  merged: number[];
}

/** How the call tree was cut down to stay responsive. */
export interface TreeSummary {
  /** Nodes of the profile's tree. */
  nodes: number;
  /** Nodes in {@link ViewData.tree}, `(other)` nodes included. */
  shown: number;
  /** The largest tree the report draws without merging. */
  maxNodes: number;
  /** `(other)` nodes added. */
  otherNodes: number;
  /** Profile nodes merged into them. */
  mergedNodes: number;
  /** Inclusive time of the merged nodes, ns. */
  mergedTime: number;
}

/**
 * One thread's samples in the order they were taken, for the time-order view: runs of
 * consecutive samples on one node of {@link ViewData.tree} (merged: the chart draws them as
 * one), run `i` across both arrays.
 */
export interface ViewTimeline {
  /** The thread as tables name it (`main`, `worker 1 (render.mjs)`); `''` in a profile of one thread. */
  thread: string;
  /** The first sample's time, ns after the earliest first sample of all timelines. */
  start: number;
  /** The tree node of each run; -1 for a gap (the event loop idle, the profiler's own work). */
  node: number[];
  /** Length of each run, ns. */
  duration: number[];
}

/** Per-line stats (line_profiler's Hits and Time), line `i` across all arrays. */
export interface ViewLines {
  frame: number[];
  line: number[];
  hits: (number | null)[];
  time: number[];
}

/** A source file read when the report was written. */
export interface ViewSource {
  /** The file as shown. */
  file: string;
  /** Its text; `null` when it could not be inlined (see `note`). */
  text: string | null;
  /**
   * For a file too large to inline whole: the lines of its functions, as runs of lines from
   * 1-based `start` (`text` is then `null`).
   */
  excerpts?: Array<{ start: number; text: string }>;
  /** Why the text is missing, or a warning about it (changed since the profile was taken). */
  note: string | null;
}

/** Where and how the profile was taken (a subset of the profile's meta). */
export interface ViewMeta {
  command: string;
  mode: string;
  startTime: string;
  duration: number;
  nodeVersion: string;
  exitCode: number | null;
  signal: string | null;
  interval: number | null;
  hotpathVersion: string;
}

/** Everything a report page shows. */
export interface ViewData {
  format: typeof VIEW_FORMAT;
  version: typeof VIEW_VERSION;
  /** The profile file the report was made from, as given. */
  profileFile: string;
  meta: ViewMeta;
  /** Lines to show under the header: what is estimated or missing, and capture notes. */
  notes: string[];
  /** Unit the table starts in: the largest one in which the total time is at least 1. */
  unit: Unit;
  /**
   * What the weights measure (the profile's `unit`, `measure`): absent in older pages, which
   * hold time. Other than `ns`, every number is printed in that unit (`1.5 MB`) and the
   * table's unit menu does not apply.
   */
  weight?: { unit: 'ns' | 'bytes' | 'count' | 'samples'; measure?: string };
  /** Sum of self times, ns: 100 % in every share. */
  totalTime: number;
  frames: ViewFrame[];
  /** The synthetic frame of `(other)` tree nodes, or -1. */
  otherFrame: number;
  functions: ViewFunction[];
  edges: ViewEdges;
  /** `null` for graph-only profiles (imported from a format without a call tree). */
  tree: ViewTree | null;
  treeSummary: TreeSummary | null;
  /** `null` when no line capture ran. */
  lines: ViewLines | null;
  /** The samples in time order, one timeline per thread; absent or `null` when the profile keeps no order. */
  timelines?: ViewTimeline[] | null;
  sources: ViewSource[];
}
