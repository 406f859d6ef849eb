/**
 * hotpath's benchmarks, on their own (`import { bench } from 'hotpath/bench'`): benchmark
 * files load the harness without the profiler, the exporters and the HTML view.
 *
 * - {@link bench}: pytest-benchmark's fixture for node:test; runs `fn` once under
 *   `node --test` and measures it under `hotpath bench`.
 * - {@link timeit}, {@link repeat}, {@link autorange}: Python's timeit for functions.
 * - {@link Benchmark}: the harness (calibration, warm-up, timed rounds) with an injectable
 *   clock; {@link computeStats}: pytest-benchmark's statistics of its rounds.
 *
 * @packageDocumentation
 */
export { bench, isBenchmarking, type BenchOptions, type TestLike } from './fixture.js';
export { autorange, repeat, timeit, type AutorangeOptions, type RepeatOptions, type TimeitOptions } from './timeit.js';
export { Benchmark, HARNESS_DEFAULTS, timerInfo, type HarnessOptions, type Measurement } from './harness.js';
export { hrClock, timerResolution, type Clock } from './clock.js';
export { computeStats, type BenchStats } from './stats.js';
export type { TimerInfo } from './timer.js';
export type { GcActivity } from './gc.js';
