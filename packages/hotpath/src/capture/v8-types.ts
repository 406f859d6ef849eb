/**
 * The parts of V8's inspector data that hotpath reads, as V8 sends them (no conversion):
 * a `Profiler.Profile` (cpuprofile) and precise coverage with positions resolved.
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
