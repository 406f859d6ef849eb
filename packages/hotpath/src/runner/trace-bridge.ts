/**
 * The runner's side of trace mode: the one place where the preload and the loader call
 * the tracing engine (../capture/trace/). The hooks:
 * - {@link loaderTransform}: instruments the program's modules (ES modules on the loader
 *   thread, CommonJS files on the main thread);
 * - {@link startRecorder}: in the preload, installs the recorder before the program loads
 *   and returns the function that takes its snapshot for the capture file;
 * - {@link traceProfile}: in `hotpath profile`, the profile of that snapshot.
 * Function ids must be unique across both threads: they share one counter
 * (the thread's `idCounter`, a SharedArrayBuffer).
 */
import { sharedIdAllocator } from '../capture/trace/instrument.js';
import { installRecorder, traceSnapshot } from '../capture/trace/install.js';
import { createInsertingTransform } from '../capture/trace/loader.js';
import { buildTraceProfile, type TraceMeta } from '../capture/trace/profile.js';
import type { TraceSnapshot } from '../capture/trace/snapshot.js';
import type { Profile } from '../model/profile.js';
import type { ModuleTransform } from './sources/source.js';

/** Trace mode's transform for the module hooks (location: URL or path). */
export function loaderTransform(idCounter: SharedArrayBuffer): ModuleTransform {
  return createInsertingTransform({ allocateIds: sharedIdAllocator(new Int32Array(idCounter)) });
}

/** The recorder's two ends: where the program starts, and the capture's `trace` part when it ends. */
export interface TraceRecording {
  /** The program starts now: the time the root held during hotpath's start-up is dropped. */
  begin(): void;
  stop(): { trace: TraceSnapshot };
}

/** Installs the recorder (before the hooks, so the program's first module is recorded). */
export function startRecorder(): TraceRecording {
  const recorder = installRecorder();
  return { begin: () => recorder.begin(), stop: () => ({ trace: traceSnapshot(recorder) }) };
}

/** The profile of a trace capture. */
export function traceProfile(trace: unknown, meta: TraceMeta): Profile {
  return buildTraceProfile(trace as TraceSnapshot, meta);
}
