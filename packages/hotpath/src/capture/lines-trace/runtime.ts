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
// Recursion is charged once, as line_profiler charges it: it keeps one "last line" per code
// object, so a recursive call's first line event closes the calling frame's line and the
// callee's time goes to the callee's lines only. Charging every active frame instead counts
// the same wall time once per depth (factorial's 11.5 s in a 0.075 s run). Here a nested
// activation of the same function pauses the outer one (its line is charged up to the call)
// and resumes it when it exits (line_profiler drops that tail; we keep it).
//
// What remains in each line's time is one event's worth of the recorder's work outside its
// two reads (the call into it, half of each read): overheadPerEvent() measures it on the
// recorder's own warm code at the end of the run, and the capture takes it off per hit.
//
// Cost: two clock reads (performance.now(), ~55-65 ns each on Node 20) and a few typed-array
// writes per line event; no allocation except one activation per call.
import { performance } from 'node:perf_hooks';

/**
 * A clock in milliseconds, like `performance` (the default); tests inject a fake one. The
 * memory profiler's "clock" reads the process's memory in bytes: the recorder then charges
 * each line the memory it added, as it charges time (see {@link LineRecorderOptions.memory}).
 */
export interface Clock {
  now(): number;
  /**
   * A reading at the end of a line, where the line is charged (memory: after collecting the
   * young garbage of the lines so far, see ../memory/clock.ts); `now()` where absent.
   */
  settled?(): number;
}

/** Options of {@link createLineRecorder}. */
export interface LineRecorderOptions {
  /**
   * The clock reads memory (`hotpath memory`): the recorder also keeps, per line, the highest
   * reading at the end of the line (memory_profiler's "Mem usage"; per function, at entry),
   * and reads once per event (see `restart`).
   */
  memory?: boolean;
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
  /** With {@link LineRecorderOptions.memory}: the highest reading at the end of `slot`'s line (NaN: none). */
  peak(slot: number): number;
  /**
   * The recorder's own cost left in each line's time per hit, in clock milliseconds: the
   * time per event of a probe running line events with nothing between them (the median
   * of its rounds). Takes about 40 ms; run it at the end, on warm code.
   */
  overheadPerEvent(): number;
}

/** Slot of the calibration probe's line; measured functions get slots from 1. */
export const PROBE_SLOT = 0;
const PROBE_WARM_UP_CALLS = 100; // calls, not one long loop: the rounds call it afresh
const PROBE_ROUNDS = 25;
const PROBE_EVENTS = 2_000;

/** Slots of the recorder: a slot past this is not recorded (the transform refuses it). */
export const LINE_SLOTS = 1 << 18;

/** Creates a line recorder over `clock`. */
export function createLineRecorder(clock: Clock = performance, options: LineRecorderOptions = {}): LineRecorder {
  const hits = new Float64Array(LINE_SLOTS);
  const time = new Float64Array(LINE_SLOTS);
  const peaks = options.memory ? new Float64Array(LINE_SLOTS).fill(NaN) : null;
  const settled = clock.settled ? () => clock.settled!() : () => clock.now();
  /**
   * Clock time spent between the two reads of every line event so far. In a typed array,
   * not a `let`: V8 boxes a double stored in a closure variable, one allocation per event
   * (and the scavenges they cause land in the lines' times; see ../trace/recorder.ts).
   */
  const spent = new Float64Array(1);

  /** The innermost live activation of each function slot (recursion pauses the ones below). */
  const innermost = new Map<number, Activation>();

  class Activation implements LineActivation {
    /** The line running now (-1: none yet), since `since`, with `spent` then at `spentThen`. */
    slot = -1;
    since = 0;
    spentThen = 0;
    /** A nested call of the same function runs: this line's time is not being counted. */
    paused = false;
    done = false;

    constructor(
      readonly functionSlot: number,
      /** The activation of the same function this one was called under, if any. */
      public outer: Activation | undefined,
    ) {}

    l(slot: number): void {
      const now = settled();
      this.charge(now);
      hits[slot]!++;
      this.slot = slot;
      this.restart(now);
    }

    j(slot: number): boolean {
      const now = settled();
      this.charge(now);
      this.slot = slot;
      this.restart(now);
      return true;
    }

    k(slot: number): void {
      hits[slot]!++;
    }

    x(): void {
      const now = settled();
      this.charge(now);
      this.slot = -1;
      this.done = true;
      // Async and generator activations may end out of order: only the innermost one hands
      // back, to the nearest outer one still live.
      if (innermost.get(this.functionSlot) !== this) return;
      let outer = this.outer;
      while (outer?.done) outer = outer.outer;
      if (outer === undefined) innermost.delete(this.functionSlot);
      else {
        innermost.set(this.functionSlot, outer);
        if (outer.paused) outer.resume(now);
      }
    }

    /** Charges the running line up to `now`, unless a nested call of this function paused it. */
    charge(now: number): void {
      if (this.slot >= 0 && !this.paused) {
        time[this.slot]! += now - this.since - (spent[0]! - this.spentThen);
        // NaN (no reading yet) is below nothing: the first reading replaces it.
        if (peaks && !(peaks[this.slot]! >= now)) peaks[this.slot] = now;
      }
      this.paused = false;
    }

    /** A recursive call starts: the line so far is charged, the rest belongs to the callee. */
    pause(): void {
      const now = settled();
      this.charge(now);
      this.paused = true;
    }

    /** The recursive call ended at `now`: this line runs again from here. */
    resume(now: number): void {
      this.paused = false;
      this.restart(now);
    }

    /**
     * The second read: what the event cost since `now` is nobody's line. Memory is read once:
     * what the recorder allocates becomes garbage, and its collection is charged to a line,
     * so its allocation must be too, or the lines would lose it (16 B per event, measured).
     */
    private restart(now: number): void {
      const after = peaks ? now : clock.now();
      spent[0]! += after - now;
      this.since = after;
      this.spentThen = spent[0]!;
    }
  }

  /**
   * A function of `events` empty lines (a multiple of 8), through the activation code the
   * program ran. Eight call sites per iteration, as a loop body has several lines: V8 inlines
   * a lone call site but not many, and a call that is not inlined costs more.
   */
  const probe = (events: number): void => {
    const a = new Activation(PROBE_SLOT, undefined);
    const P = PROBE_SLOT;
    for (let i = 0; i < events; i += 8) {
      a.l(P);
      a.l(P);
      a.l(P);
      a.l(P);
      a.l(P);
      a.l(P);
      a.l(P);
      a.l(P);
    }
    a.x();
  };

  return {
    le(functionSlot) {
      hits[functionSlot]!++;
      const outer = innermost.get(functionSlot);
      if (peaks) {
        const entry = clock.now();
        if (!(peaks[functionSlot]! >= entry)) peaks[functionSlot] = entry;
      }
      const activation = new Activation(functionSlot, outer?.done ? undefined : outer);
      if (outer !== undefined && !outer.done && outer.slot >= 0) outer.pause();
      innermost.set(functionSlot, activation);
      return activation;
    },
    hits: (slot) => hits[slot]!,
    time: (slot) => time[slot]!,
    peak: (slot) => peaks?.[slot] ?? NaN,
    overheadPerEvent() {
      // Memory: what the recorder allocates is garbage its lines are charged for both ways.
      if (peaks) return 0;
      // Cold, the probe runs unoptimised and costs half as much again as the program's
      // optimised lines: warm it first. The median, not the least, round: the program's
      // lines pay the recorder's usual cost (its scavenges, cache misses), not its best.
      for (let call = 0; call < PROBE_WARM_UP_CALLS; call++) probe(PROBE_EVENTS);
      const rounds: number[] = [];
      for (let round = 0; round < PROBE_ROUNDS; round++) {
        const [before, hitsBefore] = [time[PROBE_SLOT]!, hits[PROBE_SLOT]!];
        probe(PROBE_EVENTS);
        rounds.push((time[PROBE_SLOT]! - before) / (hits[PROBE_SLOT]! - hitsBefore));
      }
      return rounds.sort((a, b) => a - b)[PROBE_ROUNDS >> 1]!;
    },
  };
}
