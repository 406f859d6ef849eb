// What line tracing hands from the profiled process to `hotpath lines`: the modules the
// transform saw (appended to a record file by whichever thread instrumented them) and the
// recorder's hits and times for the measured functions.
import { appendFileSync, readFileSync } from 'node:fs';
import type { LineRecorder } from './runtime.js';
import type { LineFunction } from './transform.js';

/** One module the transform saw: every function name, and the measured functions. */
export interface LineTraceModule {
  url: string;
  /** Path of the module's file. */
  file: string;
  names: string[];
  functions: LineFunction[];
}

/**
 * A measured function with what it recorded: `[line, hits, weight]` per line with events,
 * the weight in ns (time) or bytes (memory, then with the line's highest reading as a fourth
 * element, `null` for none).
 */
export interface MeasuredFunction {
  name: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  calls: number;
  lines: Array<[number, number, number] | [number, number, number, number | null]>;
  /** Memory: the highest reading at the function's entry, bytes. */
  entry?: number | null;
}

/** The capture file's `lines` part in trace mode. */
export interface LineTraceData {
  mode: 'trace';
  /** What the user picked (`-f` and `--all`), as given. */
  targets: string[];
  /** Directory the targets are relative to. */
  cwd: string;
  modules: Array<Omit<LineTraceModule, 'functions'>>;
  functions: MeasuredFunction[];
  /** The recorder's own cost per line event, ns, already taken off the lines' times (hits x cost). */
  overheadNs: number;
}

/** What the recorder's clock reads: time in ms (weights in ns), or memory in bytes. */
export type RecordedQuantity = 'time' | 'memory';

/** Appends one module's record (one write: records from two threads never interleave). */
export function appendModule(recordFile: string, module: LineTraceModule): void {
  appendFileSync(recordFile, JSON.stringify(module) + '\n');
}

/**
 * Reads the records and the recorder into the capture's data: usable mid-run (exit, signal).
 * For memory, `overheadNs` holds bytes per event (the reads' own allocations).
 */
export function collectLineTrace(recordFile: string, recorder: LineRecorder, targets: string[], cwd: string, quantity: RecordedQuantity = 'time'): LineTraceData {
  let text = '';
  try {
    text = readFileSync(recordFile, 'utf8');
  } catch {
    // no module was transformed
  }
  const modules = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LineTraceModule);
  // Each hit's interval holds one event's worth of the recorder's work that no clock read
  // can exclude (the call into it, the half of each read outside the interval): measured
  // on the recorder's warm code now, at the end, and taken off per hit as the call tracer does.
  // Memory is measured in bytes and may go down (a collection): no floor, no scaling.
  const overhead = recorder.overheadPerEvent();
  const scale = quantity === 'memory' ? 1 : 1e6;
  const weightOf = (slot: number): number => {
    const weight = recorder.time(slot) - recorder.hits(slot) * overhead;
    return Math.round((quantity === 'memory' ? weight : Math.max(0, weight)) * scale);
  };
  const peak = (slot: number): number | null => (Number.isNaN(recorder.peak(slot)) ? null : recorder.peak(slot));
  const functions = modules.flatMap((m) =>
    m.functions.map(({ name, file, line, column, endLine, slot, lines }): MeasuredFunction => {
      const measured: MeasuredFunction = { name, file, line, column, endLine, calls: recorder.hits(slot), lines: [] };
      if (quantity === 'memory') {
        measured.entry = peak(slot);
        measured.lines = lines.map(([at, s]) => [at, recorder.hits(s), weightOf(s), peak(s)]);
      } else measured.lines = lines.map(([at, s]) => [at, recorder.hits(s), weightOf(s)]);
      return measured;
    }),
  );
  return { mode: 'trace', targets, cwd, modules: modules.map(({ url, file, names }) => ({ url, file, names })), functions, overheadNs: overhead * scale };
}
