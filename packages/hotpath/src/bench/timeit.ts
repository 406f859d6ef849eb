/**
 * Python's `timeit` for functions: `timeit(fn, { number })` times `number` calls and returns the
 * total in **seconds**, as Python does; `repeat` does that several times; `autorange` finds a
 * number of calls that takes at least 0.2 s, trying 1, 2, 5, 10, 20, 50, ... as Python does.
 *
 * The calls run in a loop compiled for `fn` alone (see loop.ts), so timing one function does
 * not slow the timing of the next. Nothing is subtracted: like Python's, the result includes
 * the loop's own cost (about a nanosecond per call), which matters only for trivial functions.
 */
import { hrClock, type Clock } from './clock.js';
import { compileLoop, newSink } from './loop.js';

/** Options of {@link timeit}. */
export interface TimeitOptions {
  /** Calls to time (default 1,000,000, as Python). */
  number?: number;
  /** The clock (default `process.hrtime.bigint`). */
  clock?: Clock;
}

/** Options of {@link repeat}. */
export interface RepeatOptions extends TimeitOptions {
  /** How many times to time `number` calls (default 5, as Python). */
  repeat?: number;
}

/** Options of {@link autorange}. */
export interface AutorangeOptions {
  clock?: Clock;
  /** Stop at the first number whose calls take at least this long (default 0.2 s). */
  minSeconds?: number;
  /** Called after each try, with the number of calls and their total seconds. */
  callback?: (number: number, seconds: number) => void;
}

/** Times `number` calls in nanoseconds: what timeit, repeat and autorange are built on. */
export type LoopTimer = (number: number) => number;

/** A {@link LoopTimer} for `fn`, with its own compiled loop. */
export function loopTimer(fn: () => unknown, clock: Clock = hrClock): LoopTimer {
  const loop = compileLoop(fn, clock, newSink());
  return (number) => loop(number);
}

/** Total seconds of `number` calls of `fn`. @throws RangeError for a bad `number`. */
export function timeit(fn: () => unknown, options: TimeitOptions = {}): number {
  const number = checkCount('number', options.number ?? 1_000_000, 0);
  return loopTimer(fn, options.clock)(number) / 1e9;
}

/** `repeat` totals of `number` calls of `fn`, in seconds; take the minimum, as Python advises. */
export function repeat(fn: () => unknown, options: RepeatOptions = {}): number[] {
  const number = checkCount('number', options.number ?? 1_000_000, 0);
  const times = checkCount('repeat', options.repeat ?? 5, 1);
  const timer = loopTimer(fn, options.clock);
  return Array.from({ length: times }, () => timer(number) / 1e9);
}

/** The first of 1, 2, 5, 10, 20, 50, ... calls of `fn` taking at least 0.2 s, and its seconds. */
export function autorange(fn: () => unknown, options: AutorangeOptions = {}): { number: number; seconds: number } {
  return autorangeTimer(loopTimer(fn, options.clock), options);
}

/** {@link autorange} over any {@link LoopTimer}. */
export function autorangeTimer(timer: LoopTimer, options: AutorangeOptions = {}): { number: number; seconds: number } {
  const minSeconds = options.minSeconds ?? 0.2;
  for (const number of autorangeNumbers()) {
    const seconds = timer(number) / 1e9;
    options.callback?.(number, seconds);
    if (seconds >= minSeconds) return { number, seconds };
  }
  throw new Error('unreachable: autorangeNumbers ends at 5e15 calls');
}

/** The numbers of calls autorange tries: 1, 2, 5, 10, 20, 50, ... up to 5e15. */
export function* autorangeNumbers(): Generator<number> {
  for (let power = 1; power <= 1e15; power *= 10) {
    for (const factor of [1, 2, 5]) yield power * factor;
  }
}

function checkCount(name: string, value: number, least: number): number {
  if (!Number.isSafeInteger(value) || value < least) {
    throw new RangeError(`${name} must be an integer >= ${least}, got ${value}`);
  }
  return value;
}
