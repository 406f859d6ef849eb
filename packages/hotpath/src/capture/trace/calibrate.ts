// How much of the time charged to each interval is the recorder's own work. Every event
// (enter or exit) closes an interval, and each interval holds the part of the previous
// event after its clock read plus the part of this event before its read: one event's
// worth of overhead. An empty instrumented function shows exactly that as its self time,
// so the recorder measures it on a probe calling its own enter and exit (recorder.ts).

const ROUNDS = 24;
const CALLS_PER_ROUND = 500;
/** Rounds that may still run cold (interpreted or unoptimised) code. */
const WARM_UP_ROUNDS = 4;

/** Self time and event count of the probe's node, as the recorder has them. */
export interface ProbeReading {
  self: number;
  events: number;
}

/**
 * The overhead per event: the probe's self time per event in the round where it was least.
 * Why the least: a busy machine only ever adds time (another process, an interrupt, a GC),
 * so the least is what the recorder itself costs, and subtracting it never takes away the
 * program's own time. Takes a few milliseconds.
 *
 * @param probe - runs the probe `calls` times.
 * @param read - the probe node's totals so far.
 */
export function leastOverhead(probe: (calls: number) => void, read: () => ProbeReading): number {
  let best = Infinity;
  let previous = read();
  for (let round = 0; round < ROUNDS; round++) {
    probe(CALLS_PER_ROUND);
    const now = read();
    const perEvent = (now.self - previous.self) / (now.events - previous.events);
    if (round >= WARM_UP_ROUNDS) best = Math.min(best, perEvent);
    previous = now;
  }
  return Number.isFinite(best) ? Math.max(0, best) : 0;
}
