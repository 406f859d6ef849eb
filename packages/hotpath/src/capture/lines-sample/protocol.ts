/**
 * What sample mode's line capture passes between its parts: the global the counted code
 * increments, what the transform records about each module, and what the profiled process
 * hands back at its end.
 */

/** Property of `globalThis` holding the line counters (a Float64Array); slot `id` counts block `id`. */
export const LINE_COUNTERS_GLOBAL = '__hpLines';

/** Slots of the counter array: blocks past this many run uncounted. */
export const LINE_COUNTER_CAPACITY = 1 << 20;

/** A statement's first line and the counter whose value is its hits. */
export interface CountedStatement {
  /** 1-based line in the source the user wrote. */
  line: number;
  /** Counter slot. */
  counter: number;
}

/** A function the user picked, as the transform found it. */
export interface PickedFunction {
  /** Name as a user reads it (`ParticleSimulator.evolve`). */
  name: string;
  /** Where the function starts in the source the user wrote (after source maps): path, 1-based. */
  file: string;
  line: number;
  column: number;
  /** Last line of the function in that source. */
  endLine: number;
  /** Range of lines (0-based, inclusive) in the code V8 runs; instrumenting moves no line. */
  generatedStart: number;
  generatedEnd: number;
  /** Original line of each generated line `generatedStart + i` (0 where unmapped). */
  lineMap: number[];
  /** The counter of the function's entry: its calls. */
  entryCounter: number;
  /** Statements in source order. */
  statements: CountedStatement[];
}

/** One module the transform saw: its functions' names, and the picked ones. */
export interface LinesModuleRecord {
  /** URL of the module as V8 knows it (`file:///...`). */
  url: string;
  /** Path of the source the user wrote (the source map's source for compiled files). */
  file: string;
  /** Every function name in the module (for "no function matched: these exist"). */
  names: string[];
  /** The targets that picked something in this module. */
  matched: string[];
  picked: PickedFunction[];
}

/** What the profiled process writes at its end (the capture file's `lines`). */
export interface LinesSampleData {
  /** The targets asked for. */
  targets: string[];
  modules: LinesModuleRecord[];
  /** Counter values, indexed by slot, up to the highest slot used. */
  counts: number[];
  /** Directory of V8's per-isolate logs (`--prof`). */
  logDir: string;
  /** Sampling interval asked for, µs. */
  intervalUs: number;
}
