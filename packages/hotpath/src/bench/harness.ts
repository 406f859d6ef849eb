/**
 * The measuring harness behind `bench()`, `hotpath bench` and `particles bench`:
 *
 * 1. **Calibration.** Calls per round start at 1 and grow (x10 while a round is under a tenth
 *    of the target, then in proportion) until one round lasts at least the target round time:
 *    `minRoundNs`, and never less than 1000 timer resolutions, so that the two clock reads and
 *    the clock's granularity are at most 0.1% of a round.
 * 2. **Warm-up.** Rounds run untimed for at least `warmupNs` (and `warmupRounds` rounds), so
 *    that V8 has compiled the loop and the function with its optimising tier before any
 *    round counts. Calibration happens during the warm-up and finishes after it if needed:
 *    optimised code is faster, so calls per round are settled on optimised code.
 * 3. **Timed rounds** until there are at least `minRounds` of them *and* they took at least
 *    `minTimeNs` in all (or `maxRounds` were taken). Garbage collection: see gc.ts.
 *
 * With a `setup` function every round gets a fresh state from it (untimed) and makes one call
 * (`iterations` is 1, as in pytest-benchmark's pedantic mode): state that a call uses up
 * cannot be shared by several calls of one round.
 */
import { hrClock, timerResolution, type Clock } from './clock.js';
import { collectGarbage, watchGc, type GcActivity } from './gc.js';
import { compileLoop, newSink, type Sink, type TimedLoop } from './loop.js';
import type { TimerInfo } from './timer.js';

/** How a {@link Benchmark} measures; every field has a default. */
export interface HarnessOptions<S = undefined> {
  /** The clock (default `process.hrtime.bigint`); tests pass a fake one. */
  clock?: Clock;
  /** Timer facts; measured once per clock when absent (tests pass them to stay exact). */
  timer?: TimerInfo;
  /** Calls per round, fixed: no calibration. Must be 1 with `setup`. */
  iterations?: number;
  /** The shortest round calibration accepts, ns (default 100 µs; at least 1000 x resolution). */
  minRoundNs?: number;
  /** Untimed warm-up, ns (default 0.1 s). */
  warmupNs?: number;
  /** Untimed warm-up rounds, at least (default 1). */
  warmupRounds?: number;
  /** Timed rounds, at least (default 5). */
  minRounds?: number;
  /** Total time of the timed rounds, at least, ns (default 1 s). */
  minTimeNs?: number;
  /** Timed rounds, at most, even if `minTimeNs` is not reached (default 1,000,000). */
  maxRounds?: number;
  /** Builds a fresh state before each round, untimed; the round calls `fn(state)` once. */
  setup?: () => S;
  /** Runs after each round, untimed, with its state and the call's result. */
  teardown?: (state: S, result: unknown) => void;
  /** Called after each timed round with the rounds so far (for progress). */
  onRound?: (rounds: number) => void;
}

/** What {@link Benchmark.run} measured. */
export interface Measurement {
  /** Calls per round. */
  iterations: number;
  /** Each timed round's duration, integer ns, in the order taken. */
  roundsNs: number[];
  /** The untimed warm-up. */
  warmup: { rounds: number; ns: number };
  timer: TimerInfo;
  /** Collections during the timed rounds; null where Node cannot count them. */
  gc: GcActivity | null;
}

/** The defaults of {@link HarnessOptions}. */
export const HARNESS_DEFAULTS = {
  minRoundNs: 100_000,
  warmupNs: 100_000_000,
  warmupRounds: 1,
  minRounds: 5,
  minTimeNs: 1_000_000_000,
  maxRounds: 1_000_000,
} as const;

/** More calls per round than this is not calibration but a function the loop cannot see. */
const MAX_ITERATIONS = 1_000_000_000;

/**
 * One function under measurement. {@link run} does everything; {@link warmUp} and
 * {@link round} are there for callers that interleave the rounds of several benchmarks.
 */
export class Benchmark<S = undefined> {
  readonly clock: Clock;
  readonly timer: TimerInfo;
  /** The round time calibration aims for, ns. */
  readonly targetRoundNs: number;
  private readonly options: HarnessOptions<S>;
  private readonly loop: TimedLoop;
  private readonly sink: Sink = newSink();
  private readonly calibrating: boolean;
  private calls: number;

  /** @throws RangeError for invalid options. */
  constructor(fn: (state: S) => unknown, options: HarnessOptions<S> = {}) {
    checkOptions(options);
    this.options = options;
    this.clock = options.clock ?? hrClock;
    this.timer = options.timer ?? timerInfo(this.clock);
    this.targetRoundNs = Math.max(options.minRoundNs ?? HARNESS_DEFAULTS.minRoundNs, 1000 * this.timer.resolutionNs);
    this.calibrating = options.iterations === undefined && !options.setup;
    this.calls = options.iterations ?? 1;
    const call = fn as (state?: never) => unknown;
    this.loop = compileLoop(call, this.clock, this.sink, options.setup !== undefined);
  }

  /** Calls per round (grows while calibrating). */
  get iterations(): number {
    return this.calls;
  }

  /** One round: setup, `iterations` timed calls, teardown. Returns the round's ns. */
  round(): number {
    const { setup, teardown } = this.options;
    if (!setup) return this.loop(this.calls);
    const state = setup();
    const ns = this.loop(1, state);
    teardown?.(state, this.sink.last);
    return ns;
  }

  /** Warms up (calibrating on the way); returns the warm-up's rounds and duration. */
  warmUp(): { rounds: number; ns: number } {
    const minNs = BigInt(Math.round(this.options.warmupNs ?? HARNESS_DEFAULTS.warmupNs));
    const minRounds = this.options.warmupRounds ?? HARNESS_DEFAULTS.warmupRounds;
    const start = this.clock();
    let rounds = 0;
    let last = Infinity;
    // The clock is read only once the minimum of rounds is done (fake clocks count reads).
    while (rounds < minRounds || this.clock() - start < minNs) {
      last = this.calibrated(this.round());
      rounds++;
    }
    while (this.calibrating && last < this.targetRoundNs && this.calls < MAX_ITERATIONS) {
      last = this.calibrated(this.round());
      rounds++;
    }
    return { rounds, ns: Number(this.clock() - start) };
  }

  /** Warm-up, then timed rounds until the minimum of rounds and of time are both reached. */
  run(): Measurement {
    const warmup = this.warmUp();
    collectGarbage();
    const gc = watchGc();
    const roundsNs = this.timedRounds();
    return { iterations: this.calls, roundsNs, warmup, timer: this.timer, gc: gc.stop() };
  }

  private timedRounds(): number[] {
    const minRounds = this.options.minRounds ?? HARNESS_DEFAULTS.minRounds;
    const minNs = BigInt(Math.round(this.options.minTimeNs ?? HARNESS_DEFAULTS.minTimeNs));
    const maxRounds = Math.max(minRounds, this.options.maxRounds ?? HARNESS_DEFAULTS.maxRounds);
    const roundsNs: number[] = [];
    const start = this.clock();
    while (roundsNs.length < minRounds || (roundsNs.length < maxRounds && this.clock() - start < minNs)) {
      roundsNs.push(this.round());
      this.options.onRound?.(roundsNs.length);
    }
    return roundsNs;
  }

  /** Grows the calls per round after a short round (when calibrating); returns `ns`. */
  private calibrated(ns: number): number {
    if (this.calibrating && ns < this.targetRoundNs && this.calls < MAX_ITERATIONS) {
      this.calls = Math.min(MAX_ITERATIONS, grow(this.calls, ns, this.targetRoundNs));
    }
    return ns;
  }
}

const timerCache = new WeakMap<Clock, TimerInfo>();

/**
 * The timer facts of `clock`, measured once per clock and process (about 0.1 s): its
 * resolution, and the cost per call of an empty function measured by this harness (calibrated
 * and warmed up like any benchmark). The fastest round gives that floor: on a busy machine
 * the median of so short a measurement can land on rounds slowed by a neighbour's load.
 */
export function timerInfo(clock: Clock): TimerInfo {
  let info = timerCache.get(clock);
  if (!info) {
    const resolutionNs = timerResolution(clock);
    const empty = new Benchmark(() => undefined, {
      clock,
      timer: { resolutionNs, overheadNs: 0 },
      warmupNs: 50_000_000,
      minTimeNs: 50_000_000,
      minRounds: 11,
    }).run();
    info = { resolutionNs, overheadNs: Math.min(...empty.roundsNs) / empty.iterations };
    timerCache.set(clock, info);
  }
  return info;
}

/**
 * The calls per round to try after `calls` took `ns`, short of `target`: x10 while far short
 * (the first rounds run in V8's interpreter and say little), then in proportion.
 */
export function grow(calls: number, ns: number, target: number): number {
  if (ns * 10 < target) return calls * 10;
  return Math.max(calls + 1, Math.ceil((calls * target) / ns));
}

function checkOptions<S>(options: HarnessOptions<S>): void {
  const counts = ['iterations', 'warmupRounds', 'minRounds', 'maxRounds'] as const;
  for (const key of counts) {
    const value = options[key];
    const least = key === 'warmupRounds' ? 0 : 1;
    if (value !== undefined && (!Number.isSafeInteger(value) || value < least)) {
      throw new RangeError(`${key} must be an integer >= ${least}, got ${value}`);
    }
  }
  for (const key of ['minRoundNs', 'warmupNs', 'minTimeNs'] as const) {
    const value = options[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`${key} must be a finite number >= 0, got ${value}`);
    }
  }
  if (options.setup && options.iterations !== undefined && options.iterations !== 1) {
    throw new RangeError('iterations must be 1 with setup: each round gets one fresh state for one call');
  }
}
