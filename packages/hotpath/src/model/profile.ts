/**
 * The one profile model of hotpath. Every capture (sampling, coverage, tracing, importers)
 * produces a {@link Profile}; every table, exporter and the HTML view reads one.
 *
 * Conventions:
 * - Weights (a function's `self` and `total`, an edge's, a tree node's, a line's `time`) are
 *   integers in {@link Profile.unit}: nanoseconds for every time capture, bytes for an
 *   allocation profile, counts or samples for imports that hold no time. The fields keep
 *   their time names (`self`, `total`, `time`): a bytes profile's `self` is bytes.
 * - Positions are 1-based lines and columns in the source the user wrote: TypeScript
 *   positions for TypeScript, after source maps where the code was compiled.
 * - Frames are referred to by their index in {@link Profile.frames}.
 * - `functions` and `edges` are the call-graph view (what pstats and callgrind hold);
 *   `tree` is the call-tree view (what flame graphs need). Importers of graph-only formats
 *   leave `tree` out; capture builds both (see `build.ts`).
 */

/** Where a frame's code comes from; tables fold `node` and `node_modules` frames by default. */
export type FrameCategory =
  | 'user' // the program's own code
  | 'node_modules' // third-party packages
  | 'node' // Node.js internals (`node:` modules)
  | 'native' // V8 builtins and native code without a script
  | 'special'; // V8 pseudo-frames: (program), (garbage collector), (idle), (root)

/** A function of the profiled program, at its position in the source the user wrote. */
export interface Frame {
  /** Function name as the user reads it: `factorial`, `ParticleSimulator.evolve`, `(anonymous)`. */
  name: string;
  /** Absolute path of the source file (after source maps), a `node:` id, or `''` when none. */
  file: string;
  /** 1-based line of the function's start; 0 when unknown. */
  line: number;
  /** 1-based column of the function's start; 0 when unknown. */
  column: number;
  category: FrameCategory;
  /**
   * 1-based last line of the function (its closing brace) in the same source as {@link Frame.line};
   * set by line captures, which show every line from `line` to `endLine`.
   */
  endLine?: number;
  /**
   * A hash of the function's source text (sha1 hex of lines `line..endLine`), set by line
   * captures: stats of frames whose hashes differ come from different code and are never summed.
   */
  sourceHash?: string;
  /**
   * The thread the frame ran on ({@link ThreadInfo.id}), in a profile that keeps threads
   * apart (`--threads separate`); absent where the profile merges every thread, or has one.
   */
  thread?: number;
}

/**
 * A thread (or process) whose data a profile holds: the main thread is `0`, workers have
 * Node's `threadId`. Frames refer to it by id ({@link Frame.thread}).
 */
export interface ThreadInfo {
  id: number;
  /** As tables show it: `main`, `worker 1 (render.mjs)`. */
  name: string;
}

/** Per-function statistics: pstats' ncalls, tottime and cumtime. */
export interface FunctionStats {
  frame: number;
  /** Total calls, recursive ones included; `null` when the capture could not count them. */
  calls: number | null;
  /** Calls not made while the function was already on the stack (`188000/750`: 750). */
  primitiveCalls: number | null;
  /** Time in the function's own code (tottime), ns. */
  self: number;
  /** Time from entry to exit, counting recursive re-entries once (cumtime), ns. */
  total: number;
}

/** A caller -> callee edge of the call graph: what pstats' print_callers shows. */
export interface Edge {
  caller: number;
  callee: number;
  /** Calls along this edge; `null` when unknown. */
  calls: number | null;
  primitiveCalls: number | null;
  /** Self time of the callee while called from this caller, ns. */
  self: number;
  /** Inclusive time of the callee while called from this caller, ns. */
  total: number;
}

/** A node of the call tree: one frame reached along one path of calls. */
export interface TreeNode {
  /** Index of this node in {@link Profile.tree}. */
  id: number;
  /** Parent node's id, or `-1` for the root. */
  parent: number;
  frame: number;
  /** Entries into this node; `null` when the capture could not count them (sampling). */
  calls: number | null;
  /** Self time, ns. The node's inclusive time is derived: self plus its subtree. */
  self: number;
}

/**
 * Hits and time for one line of source, as line_profiler reports them.
 * Time includes the time of the functions the line calls.
 */
export interface LineStats {
  /** The function the line belongs to. */
  frame: number;
  /** 1-based line in the frame's file. */
  line: number;
  /** Times the line was executed; `null` when unknown. */
  hits: number | null;
  /**
   * The line's weight, callees included, in the profile's unit: time in ns; in a memory line
   * profile (unit bytes), its Increment: memory after the line less memory before, summed
   * over its hits, negative where collections freed more than it allocated.
   */
  time: number;
  /** Memory line profiles: the highest memory reading after the line ("Mem usage"), bytes. */
  memory?: number;
}

/** How a profile was captured. */
export type ProfileMode = 'sample' | 'trace' | 'imported';

/** What a profile's numbers are: measured exactly, estimated, or absent. */
export interface Exactness {
  /** Per-function call counts. */
  calls: 'exact' | 'estimated' | 'none';
  /** Caller -> callee edge counts and times. */
  edges: 'exact' | 'estimated' | 'none';
  /** Times: sampled (statistical) or measured around each call. */
  time: 'sampled' | 'measured';
}

/** Where and how a profile was taken. */
export interface ProfileMeta {
  /** The profiled command, as argv (`['examples/taylor.ts']`), or a label for API captures. */
  command: string[];
  mode: ProfileMode;
  /** Sampling interval asked for, ns; `null` outside sample mode. */
  interval: number | null;
  /** Start of the capture, ISO 8601. */
  startTime: string;
  /** Wall time of the capture, ns. */
  duration: number;
  /** `process.version` of the profiled program. */
  nodeVersion: string;
  /** The program's exit code; `null` when it was killed by a signal or not a program. */
  exitCode: number | null;
  /** The signal that ended the program (`'SIGINT'`), if any: the profile holds what ran until then. */
  signal: string | null;
  /**
   * Why the capture ended before the program did (`'out of memory: ...'`), if it did: the
   * profile lacks what ran after. Absent for a complete profile.
   */
  cutShort?: string;
  /** Working directory of the program, for relative display of paths. */
  cwd: string;
  /** The hotpath version that wrote the profile. */
  hotpathVersion: string;
  exactness: Exactness;
  /** Free-form notes the capture wants shown (what is estimated, what was lost). */
  notes: string[];
  /**
   * The threads whose data the profile holds, where there were several (worker threads):
   * merged into one set of frames, or kept apart by {@link Frame.thread}.
   */
  threads?: ThreadInfo[];
  /** The processes whose profiles were merged into this one (`--include-children`), main first. */
  processes?: ProcessInfo[];
  /**
   * A line capture's targets (`-f NAME`, `file:line`) that picked no function: `hotpath lines`
   * refuses the run with their messages (also among the notes).
   */
  unmatchedTargets?: UnmatchedTarget[];
}

/** A line capture's target that picked no function. */
export interface UnmatchedTarget {
  /** As the user wrote it. */
  target: string;
  /** One line naming it and the functions that do exist. */
  message: string;
}

/** A process of a profiled program (`--include-children`). */
export interface ProcessInfo {
  pid: number;
  /** Its parent's pid. */
  ppid: number;
  /** Its argv after node: the script and its arguments. */
  command: string[];
  exitCode: number | null;
}

/** What a profile's weights measure: time in ns, bytes, counts of events, or samples. */
export type WeightUnit = 'ns' | 'bytes' | 'count' | 'samples';

/** Every {@link WeightUnit}. */
export const WEIGHT_UNITS: readonly WeightUnit[] = ['ns', 'bytes', 'count', 'samples'];

/** A complete profile: the model every hotpath tool reads and writes. */
export interface Profile {
  /** What the weights measure. */
  unit: WeightUnit;
  /**
   * A short name of what is measured where the unit alone does not say (`allocated`,
   * `retained`): exporters name their sample type with it (pprof's `alloc_space`).
   */
  measure?: string;
  meta: ProfileMeta;
  frames: Frame[];
  functions: FunctionStats[];
  edges: Edge[];
  /** The call tree, nodes in parent-before-child order with `tree[0]` the root; absent for graph-only imports. */
  tree?: TreeNode[];
  /** Per-line stats, where a line capture ran. */
  lines?: LineStats[];
  /**
   * The samples in the order they were taken, one timeline per thread (sample mode; see
   * {@link SampleTimeline}); absent where the capture keeps no order (trace mode, imports of
   * aggregated formats) or an operation could not keep it (adding profiles of several runs).
   */
  timelines?: SampleTimeline[];
}

/**
 * One thread's samples in the order they were taken: what time-order views (a flame chart
 * with x = time) and the `.cpuprofile` export's real `samples`/`timeDeltas` are made of.
 * Sample `i` landed on tree node `nodes[i]` and lasted `durations[i]` ns, until the next
 * sample (the way V8's `timeDeltas` are read): the timestamps are delta-encoded, and a tree
 * node's self time is the sum of its samples' durations over the profile's timelines.
 *
 * Samples the tree leaves out (the event loop's `(idle)`, the profiler's own work) are kept
 * as gaps, node `-1`, so the times after them stay right. Typed arrays: 12 bytes a sample.
 */
export interface SampleTimeline {
  /** The thread ({@link ThreadInfo.id}): `0` for the main thread, and for a profile of one. */
  thread: number;
  /**
   * When the first sample was taken, ns, on a monotonic clock shared by the profile's timelines
   * (V8's): only differences between timelines' starts mean anything.
   */
  start: number;
  /** The tree node ({@link TreeNode.id}) of each sample, or `-1` for a gap. */
  nodes: Int32Array;
  /** How long each sample lasted, ns (integers). */
  durations: Float64Array;
}
