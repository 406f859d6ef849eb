// The profile of a line-tracing capture: one frame per measured function, its exact calls,
// and its lines (line_profiler's hits and time). Functions that never ran are kept, with
// zero hits, so the table can show them as kernprof does.
import { readFileSync } from 'node:fs';
import type { FunctionStats, LineStats, Profile, ProfileMeta } from '../../model/profile.js';
import { sourceHash, sourceNote } from '../../report/line-sources.js';
import { matchesAny } from '../lines-sample/targets.js';
import type { LineTraceData } from './capture.js';

/** Everything of the profile's metadata that the capture does not decide. */
export type LineTraceMeta = Omit<ProfileMeta, 'mode' | 'exactness' | 'notes'>;

/** Builds the profile; `readSource` reads a source file (for the hashes of the notes). */
export function buildLineTraceProfile(data: LineTraceData, meta: LineTraceMeta, readSource: (file: string) => string | null = readText): Profile {
  const functions: FunctionStats[] = [];
  const lines: LineStats[] = [];
  const notes: string[] = [];
  const frames = data.functions.map((fn, frame) => {
    const total = fn.lines.reduce((sum, [, , time]) => sum + time, 0);
    // The function's time is its lines' time: inclusive of callees; its self time is not measured apart.
    functions.push({ frame, calls: fn.calls, primitiveCalls: null, self: total, total });
    for (const [line, hits, time] of fn.lines) lines.push({ frame, line, hits, time });
    const text = readSource(fn.file);
    if (text !== null) notes.push(sourceNote({ ...fn, hash: sourceHash(text, fn.line, fn.endLine) }));
    return { name: fn.name, file: fn.file, line: fn.line, column: fn.column, category: 'user' as const };
  });
  return {
    unit: 'ns',
    meta: {
      ...meta,
      mode: 'trace',
      exactness: { calls: 'exact', edges: 'none', time: 'measured' },
      notes: [...notes, 'trace mode: every line event timed, the profiler\'s own time left out (line_profiler\'s method)', ...unmatched(data)],
    },
    frames,
    functions,
    edges: [],
    lines,
  };
}

/** A note per target that picked nothing, in the words sample mode uses (the CLI reads them). */
function unmatched(data: LineTraceData): string[] {
  const names = [...new Set(data.modules.flatMap((m) => m.names))];
  return data.targets
    .filter((target) => !matchesAny(data.functions, target, data.cwd))
    .map((target) => `no function matched '${target}' (functions: ${names.slice(0, 40).join(', ')})`);
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
