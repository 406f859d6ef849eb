// How much of the time charged to each interval is the recorder's own work. Every event
// (enter or exit) closes an interval, and each interval holds the part of the previous
// event after its clock read plus the part of this event before its read: one event's
// worth of overhead. An empty instrumented function shows exactly that as its self time.
import { performance } from 'node:perf_hooks';
import { createRecorder, type Clock } from './recorder.js';

const ROUNDS = 7;
const CALLS_PER_ROUND = 10_000;

/**
 * The recorder's overhead per event in clock milliseconds: the self time per event of an
 * empty instrumented function, the least over several rounds (a busy machine only ever
 * adds time; the least is what the recorder itself costs). Takes a few milliseconds; run
 * it once the recorder is warm (at the end of a run), so it measures optimised code.
 */
export function calibrateOverhead(clock: Clock = performance): number {
  const recorder = createRecorder(clock);
  // Written as the transform writes an instrumented function.
  const empty = (): void => {
    const token = recorder.e(1);
    try {
      return;
    } finally {
      recorder.x(token);
    }
  };
  let best = Infinity;
  let previous = { self: 0, events: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < CALLS_PER_ROUND; i++) empty();
    const raw = recorder.raw();
    const now = { self: raw.self[1] ?? 0, events: raw.events[1] ?? 0 };
    if (round > 0) best = Math.min(best, (now.self - previous.self) / (now.events - previous.events));
    previous = now;
  }
  return Math.max(0, best);
}
