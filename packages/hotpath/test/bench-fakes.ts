// Test helpers for the bench harness: a clock that only the measured code moves.
import type { Clock } from '../src/bench/clock.js';
import type { TimerInfo } from '../src/bench/timer.js';

/** A clock standing still until `advance(ns)`: each call of a fake function costs what it says. */
export interface FakeTime {
  clock: Clock;
  advance(ns: number): void;
  /** Clock reads so far. */
  reads(): number;
}

/** A fresh {@link FakeTime} at 0. */
export function fakeTime(): FakeTime {
  let now = 0n;
  let reads = 0;
  return {
    clock: () => {
      reads++;
      return now;
    },
    advance: (ns) => {
      now += BigInt(ns);
    },
    reads: () => reads,
  };
}

/** Timer facts given to the harness so that it measures nothing itself. */
export const FAKE_TIMER: TimerInfo = { resolutionNs: 1, overheadNs: 0 };
