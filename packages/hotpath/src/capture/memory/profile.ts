// The profile of a `hotpath memory` capture: the line tracer's data (../lines-trace/), read
// in bytes. Each line's weight is its Increment (memory after the line less memory before,
// summed over its occurrences; negative where collections freed more than it allocated),
// its `memory` the highest reading after it ("Mem usage"); a function's frame line holds the
// highest reading at its entry.
import type { LineStats, Profile } from '../../model/profile.js';
import type { LineTraceData } from '../lines-trace/capture.js';
import { buildLineTraceProfile, type LineTraceMeta } from '../lines-trace/profile.js';
import { describeBackend, type MemoryBackend } from './clock.js';

/** Builds the memory line profile (unit: bytes). */
export function buildMemoryProfile(data: LineTraceData, meta: LineTraceMeta, backend: MemoryBackend): Profile {
  const profile = buildLineTraceProfile(data, meta);
  const lines: LineStats[] = [];
  data.functions.forEach((fn, frame) => {
    const entry = { frame, line: fn.line, hits: fn.calls, time: 0, ...(fn.entry != null ? { memory: fn.entry } : {}) };
    if (!fn.lines.some(([line]) => line === fn.line)) lines.push(entry);
    for (const [line, hits, bytes, peak] of fn.lines) lines.push({ frame, line, hits, time: bytes, ...(peak != null ? { memory: peak } : {}) });
    // A function's figures: its net bytes, floored at 0 (the model's function weights are not negative).
    const net = fn.lines.reduce((sum, [, , bytes]) => sum + bytes, 0);
    Object.assign(profile.functions[frame]!, { self: Math.max(0, net), total: Math.max(0, net) });
  });
  const unmatched = (profile.meta.unmatchedTargets ?? []).map((u) => u.message);
  return {
    ...profile,
    unit: 'bytes',
    meta: { ...profile.meta, notes: [memoryNote(backend), ...unmatched] },
    lines,
  };
}

function memoryNote(backend: MemoryBackend): string {
  return `memory: ${describeBackend(backend)}`;
}
