/**
 * The parts of V8's inspector data that hotpath reads, as V8 sends them (no conversion):
 * a `Profiler.Profile` (cpuprofile) and precise coverage with positions resolved. The
 * `.cpuprofile` types here are the only ones: capture reads them from V8, import from files
 * (which other tools write, with less filled in), export writes them.
 * Definition: https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 */

/** Where a function is, as V8 reports it: 0-based line and column in the *generated* code. */
export interface V8CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** 0-based line of the function's parameter list (V8's function start position). */
  lineNumber: number;
  /** 0-based column; `-1` with lineNumber `-1` for builtins and pseudo-frames. */
  columnNumber: number;
}

/** A node of V8's sampled call tree. */
export interface V8ProfileNode {
  id: number;
  callFrame: V8CallFrame;
  children?: number[];
  /** Self samples per source line; V8's lines here are 1-based, unlike callFrame.lineNumber. */
  positionTicks?: Array<{ line: number; ticks: number }>;
  /** Samples whose leaf is this node (V8 writes it; readers derive times from `samples`). */
  hitCount?: number;
  /** The parent's id: how newer DevTools link nodes, instead of `children`. */
  parent?: number;
}

/** V8's `Profiler.Profile`: times in microseconds. */
export interface V8CpuProfile {
  nodes: V8ProfileNode[];
  startTime: number;
  endTime: number;
  /** The leaf node id of each sample. */
  samples?: number[];
  /** Microseconds from the previous sample (the first: from startTime) to this one. */
  timeDeltas?: number[];
}

/**
 * A `.cpuprofile` as a file may hold it: other tools leave call frame fields out, and link
 * nodes by `children`, `parent` or both (import/cpuprofile-check.ts checks the links).
 */
export interface V8CpuProfileFile extends Omit<V8CpuProfile, 'nodes'> {
  nodes: Array<Omit<V8ProfileNode, 'callFrame'> & { callFrame: Partial<V8CallFrame> }>;
}

/** A `.cpuprofile` as hotpath writes it: every field V8 itself writes. */
export interface V8CpuProfileOut extends V8CpuProfile {
  nodes: Array<V8ProfileNode & { hitCount: number; children: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

/** A 0-based position in generated code: `[line, column]`. */
export type GeneratedPosition = [line: number, column: number];

/** One function's precise-coverage count, with its character range resolved to positions. */
export interface FunctionCount {
  name: string;
  /** Start of the function's range (its `function` keyword, name or parameter list). */
  start: GeneratedPosition;
  /** End of the range, exclusive. */
  end: GeneratedPosition;
  /** Number of calls: V8 block coverage's function-entry counter. */
  count: number;
  /**
   * Whether the count is exact: V8 had block counters in the function (it was compiled after
   * coverage started). Functions compiled earlier report invocation counts that miss calls
   * made from optimised code, so they are lower bounds.
   */
  exact: boolean;
  /** The name to show where it says more than V8's (the transform's `Class.method`). */
  label?: string;
  /** Start in the code before a transform moved it (to show); `start` when absent. */
  origin?: GeneratedPosition;
}

/** The functions of one script that ran, with their counts. */
export interface ScriptCounts {
  /** V8's script id where the counts come from V8; `''` otherwise (matched by URL). */
  scriptId: string;
  url: string;
  functions: FunctionCount[];
}
