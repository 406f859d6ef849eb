// The recorder as the preload installs it: on globalThis, where instrumented code finds it.
import { RUNTIME_GLOBAL } from './protocol.js';
import { createRecorder, type Clock, type Recorder } from './recorder.js';
import { snapshotFromRaw, type TraceSnapshot } from './snapshot.js';

/** Options of {@link traceSnapshot}. */
export interface SnapshotOptions {
  /**
   * `'subtract'` (the default): measure the recorder's cost per event and take it off self
   * times, so a function's time is its own and not the profiler's; `'keep'`: times as measured.
   */
  overhead?: 'subtract' | 'keep';
}

/**
 * Creates a recorder and installs it as the runtime of instrumented code. Instrumented code
 * must not run before this (it would find a no-op runtime and go unrecorded).
 */
export function installRecorder(clock?: Clock): Recorder {
  const recorder = createRecorder(clock, { warmUp: true });
  (globalThis as Record<string, unknown>)[RUNTIME_GLOBAL] = recorder;
  return recorder;
}

/**
 * Frames and call tree recorded so far (usable mid-run, e.g. on SIGINT). Measuring the
 * recorder's overhead takes a few milliseconds.
 */
export function traceSnapshot(recorder: Recorder, options: SnapshotOptions = {}): TraceSnapshot {
  const raw = recorder.raw();
  const overhead = options.overhead === 'keep' ? 0 : recorder.overheadPerEvent();
  return snapshotFromRaw(raw, overhead);
}
