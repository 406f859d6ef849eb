/**
 * V8's sampling heap profiler over an in-process inspector session: an allocation is
 * sampled about every `intervalBytes`, with its stack. Kept in V8's form; heap-profile.ts
 * turns it into the profile model.
 */
import type { InspectorSession } from '../inspector.js';
import type { V8CallFrame } from '../v8-types.js';

/** A node of V8's `HeapProfiler.SamplingHeapProfile`: bytes allocated here, not in callees. */
export interface V8HeapNode {
  id: number;
  callFrame: V8CallFrame;
  selfSize: number;
  children: V8HeapNode[];
}

/** V8's `HeapProfiler.SamplingHeapProfile`. */
export interface V8HeapProfile {
  head: V8HeapNode;
}

/** What the heap profile counts. */
export interface HeapSamplingOptions {
  /** Mean bytes between samples (V8's default is 32 KiB). */
  intervalBytes?: number;
  /**
   * `'allocated'`: every sampled allocation, also those garbage-collected since (bytes
   * allocated); `'live'`: only those still alive when sampling stops.
   */
  count?: 'allocated' | 'live';
}

/** Starts V8's sampling heap profiler. */
export function startHeapSampling(session: InspectorSession, options: HeapSamplingOptions = {}): void {
  const allocated = (options.count ?? 'allocated') === 'allocated';
  session.post('HeapProfiler.enable');
  session.post('HeapProfiler.startSampling', {
    samplingInterval: options.intervalBytes ?? 32768,
    includeObjectsCollectedByMajorGC: allocated,
    includeObjectsCollectedByMinorGC: allocated,
  });
}

/** Stops it and returns what it sampled. */
export function stopHeapSampling(session: InspectorSession): V8HeapProfile {
  return session.post<{ profile: V8HeapProfile }>('HeapProfiler.stopSampling').profile;
}
