// The line recorder: what code instrumented for line tracing calls at every line event.
//
// line_profiler's method (_line_profiler.pyx): at each line event, the time since the
// previous line event of the same activation is charged to the previous line; the clock is
// read again after the bookkeeping, so the profiler's own work is not charged. Each call of
// a measured function has its own activation (previous line and time), so recursion and
// async functions interleaving keep their lines apart, and a line's time includes the
// functions it calls. Line events of measured callees run between two events of the caller:
// their bookkeeping (between their two clock reads) is summed in `spent` and taken off the
// caller's line too, so nested measuring does not inflate the caller.
//
// Cost: two clock reads (performance.now(), ~55-65 ns each on Node 20) and a few typed-array
// writes per line event; no allocation except one activation per call.
import { performance } from 'node:perf_hooks';

/** A clock in milliseconds, like `performance` (the default); tests inject a fake one. */
export interface Clock {
  now(): number;
}

/** What instrumented code calls on an activation (names are short: they are in every line). */
export interface LineActivation {
  /** A line starts: a hit for `slot`, the elapsed time to the previous line. */
  l(slot: number): void;
  /** Back to a loop header `slot` without a hit (see walker.ts). */
  j(slot: number): boolean;
  /** A hit for `slot` without a clock read (a loop body entered). */
  k(slot: number): void;
  /** The activation ends: its last line gets its time. */
  x(): void;
}

/** The installed runtime: hands out activations, and what it recorded. */
export interface LineRecorder {
  /** Enters a measured function whose calls are counted in `functionSlot`. */
  le(functionSlot: number): LineActivation;
  /** Hits of `slot` (calls, for a function's slot). */
  hits(slot: number): number;
  /** Time charged to `slot`, in clock milliseconds. */
  time(slot: number): number;
}

/** Slots of the recorder: a slot past this is not recorded (the transform refuses it). */
export const LINE_SLOTS = 1 << 18;

/** Creates a line recorder over `clock`. */
export function createLineRecorder(clock: Clock = performance): LineRecorder {
  const hits = new Float64Array(LINE_SLOTS);
  const time = new Float64Array(LINE_SLOTS);
  /** Clock time spent between the two reads of every line event so far. */
  let spent = 0;

  class Activation implements LineActivation {
    /** The line running now (-1: none yet), since `since`, with `spent` then at `spentThen`. */
    slot = -1;
    since = 0;
    spentThen = 0;

    l(slot: number): void {
      const now = clock.now();
      if (this.slot >= 0) time[this.slot]! += now - this.since - (spent - this.spentThen);
      hits[slot]!++;
      this.slot = slot;
      this.restart(now);
    }

    j(slot: number): boolean {
      const now = clock.now();
      if (this.slot >= 0) time[this.slot]! += now - this.since - (spent - this.spentThen);
      this.slot = slot;
      this.restart(now);
      return true;
    }

    k(slot: number): void {
      hits[slot]!++;
    }

    x(): void {
      const now = clock.now();
      if (this.slot >= 0) time[this.slot]! += now - this.since - (spent - this.spentThen);
      this.slot = -1;
    }

    /** The second read: what the event cost since `now` is nobody's line. */
    private restart(now: number): void {
      const after = clock.now();
      spent += after - now;
      this.since = after;
      this.spentThen = spent;
    }
  }

  return {
    le(functionSlot) {
      hits[functionSlot]!++;
      return new Activation();
    },
    hits: (slot) => hits[slot]!,
    time: (slot) => time[slot]!,
  };
}
