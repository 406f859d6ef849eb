/**
 * The timed loop: `iterations` calls of the measured function between two clock reads.
 *
 * Two things make it trustworthy for functions of a few nanoseconds:
 *
 * - **One loop per benchmark.** The loop's source is compiled afresh with `new Function` for
 *   every function measured. V8 keeps type feedback per function, so one shared loop would see
 *   every benchmark's function at its `fn()` call site, turn megamorphic after four, stop
 *   inlining, and charge each benchmark for the ones measured before it (mitata and
 *   benchmark.js compile their loops the same way).
 * - **A sink against dead-code elimination.** Each call's result is compared with a private
 *   object (`result === sink`, never true for user values) and the last one is stored on the
 *   sink after the clock stops. Once `fn` is inlined, a result nobody reads could be dropped
 *   and with it the work that computed it; here every result is read. The sink costs one
 *   compare per iteration, which the empty-function baseline (see timer.ts) measures too.
 */
import type { Clock } from './clock.js';

/** Where results go so that the optimiser cannot prove them unused. */
export interface Sink {
  /** The last result of the last round (read after the clock stops). */
  last: unknown;
  /** How often a result was the sink itself: always 0, but V8 cannot know that. */
  hits: number;
}

/** Times `iterations` calls; returns the elapsed ns. `state` is passed to each call. */
export type TimedLoop = (iterations: number, state?: unknown) => number;

const BODY = `
  return function timedLoop(iterations, state) {
    let result;
    const start = clock();
    for (let i = 0; i < iterations; i++) {
      result = CALL;
      if (result === sink) sink.hits++;
    }
    const end = clock();
    sink.last = result;
    return Number(end - start);
  };`;

/**
 * A fresh timed loop for `fn`. With `withState` each call is `fn(state)`, else `fn()`: the two
 * are separate sources so that a function of no arguments is not called with one.
 */
export function compileLoop(fn: (state?: never) => unknown, clock: Clock, sink: Sink, withState = false): TimedLoop {
  const body = BODY.replace('CALL', withState ? 'fn(state)' : 'fn()');
  const factory = new Function('fn', 'clock', 'sink', body) as (f: typeof fn, c: Clock, s: Sink) => TimedLoop;
  return factory(fn, clock, sink);
}

/** A new, empty sink. */
export function newSink(): Sink {
  return { last: undefined, hits: 0 };
}
