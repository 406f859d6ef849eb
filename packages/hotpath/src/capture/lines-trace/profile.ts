// The profile of a line-tracing capture: one frame per measured function, its exact calls,
// and its lines (line_profiler's hits and time). Functions that never ran are kept, with
// zero hits, so the table can show them as kernprof does.
import type { FunctionStats, LineStats, Profile, ProfileMeta, UnmatchedTarget } from '../../model/profile.js';
import { readSourceFile, withSource, type ReadSource } from '../function-source.js';
import { matchesAny } from '../instrument/targets.js';
import { readMapsOf } from '../source-maps.js';
import type { LineTraceData } from './capture.js';

/** Everything of the profile's metadata that the capture does not decide. */
export type LineTraceMeta = Omit<ProfileMeta, 'mode' | 'exactness' | 'notes'>;

/** Builds the profile; `readSource` reads a source file (for the frames' source hashes). */
export function buildLineTraceProfile(data: LineTraceData, meta: LineTraceMeta, readSource: ReadSource = readSourceFile): Profile {
  const functions: FunctionStats[] = [];
  const lines: LineStats[] = [];
  readMapsOf(data.modules.map((m) => m.url)); // for sources only in a map
  const missed = unmatched(data);
  const frames = data.functions.map((fn, frame) => {
    const total = fn.lines.reduce((sum, [, , time]) => sum + time, 0);
    // The function's time is its lines' time: inclusive of callees; its self time is not measured apart.
    functions.push({ frame, calls: fn.calls, primitiveCalls: null, self: total, total });
    for (const [line, hits, time] of fn.lines) lines.push({ frame, line, hits, time });
    return withSource({ name: fn.name, file: fn.file, line: fn.line, column: fn.column, category: 'user' }, fn.endLine, readSource);
  });
  return {
    unit: 'ns',
    meta: {
      ...meta,
      mode: 'trace',
      exactness: { calls: 'exact', edges: 'none', time: 'measured' },
      notes: [traceNote(data.overheadNs), ...missed.map((u) => u.message)],
      unmatchedTargets: missed,
    },
    frames,
    functions,
    edges: [],
    lines,
  };
}

function traceNote(overheadNs: number): string {
  return `trace mode: every line event timed (line_profiler's method); the profiler's own cost, ${overheadNs.toFixed(1)} ns per line event (measured at the end of the run), is taken off each line's time per hit`;
}

/** The targets that picked nothing, in the words sample mode uses. */
function unmatched(data: LineTraceData): UnmatchedTarget[] {
  const names = [...new Set(data.modules.flatMap((m) => m.names))];
  return data.targets
    .filter((target) => !matchesAny(data.functions, target, data.cwd))
    .map((target) => ({ target, message: `no function matched '${target}' (functions: ${names.slice(0, 40).join(', ')})` }));
}
