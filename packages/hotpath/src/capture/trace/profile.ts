// A trace capture turned into the profile model, with the call graph derived from the
// tree the way cProfile accounts it (model/build.ts).
import { callGraphFromTree } from '../../model/build.js';
import type { Profile, ProfileMeta } from '../../model/profile.js';
import type { TraceSnapshot } from './snapshot.js';

/** The metadata a trace profile needs from whoever ran the capture. */
export type TraceMeta = Omit<ProfileMeta, 'mode' | 'exactness' | 'notes' | 'interval'> & {
  interval?: number | null;
};

/** Notes every trace profile carries: how its numbers were taken. */
export function traceNotes(snapshot: TraceSnapshot): string[] {
  const notes = [
    "Trace mode: every call of the program's own functions was counted and timed " + '(exact counts and edges).',
    'Async functions and generators count one call per invocation; resumptions after ' + 'await/yield add time but not calls, and time while suspended is not counted.',
  ];
  if (snapshot.overheadPerEvent > 0) {
    notes.push(`The recorder's own cost, measured at ${snapshot.overheadPerEvent} ns per call event, ` + 'is subtracted from self times.');
  }
  return notes;
}

/** The profile of a trace-mode capture. */
export function buildTraceProfile(snapshot: TraceSnapshot, meta: TraceMeta): Profile {
  const { functions, edges } = callGraphFromTree(snapshot.tree, snapshot.frames.length);
  return {
    unit: 'ns',
    meta: {
      ...meta,
      mode: 'trace',
      interval: null,
      exactness: { calls: 'exact', edges: 'exact', time: 'measured' },
      notes: traceNotes(snapshot),
    },
    frames: snapshot.frames,
    functions,
    edges,
    tree: snapshot.tree,
  };
}
