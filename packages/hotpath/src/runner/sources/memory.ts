/**
 * `hotpath memory`: memory_profiler's per-line table. The line tracer's instrumentation of
 * the picked functions (lines-trace.ts), with a recorder that reads memory where it would
 * read the clock (../../capture/memory/, through ../memory-bridge.ts).
 */
import type { LineTraceData } from '../../capture/lines-trace/capture.js';
import type { MemoryBackend } from '../../capture/memory/clock.js';
import { shareLineTraceTargets } from './line-targets.js';
import type { LineTraceSettings } from './lines-trace.js';
import type { CaptureSource } from './source.js';

/** What travels to the program's process. */
export interface MemorySettings extends LineTraceSettings {
  backend: MemoryBackend;
}

export const memorySource: CaptureSource<MemorySettings, LineTraceData> = {
  name: 'memory',
  picks: (options) => options.memory !== undefined,
  settings: (options, run) => ({ targets: options.lines?.targets ?? [], cwd: run.cwd, recordFile: '', backend: options.memory!.backend }),
  instrumentsScriptPackage: true,
  readsMarkers: true,
  forThread: (settings, output) => ({ ...settings, recordFile: `${output}.line-trace` }),
  async start(thread) {
    const stop = (await import('../memory-bridge.js')).startMemoryRecorder(thread.settings);
    return { collect: stop };
  },
  async transform(thread) {
    return (await import('../lines-trace-bridge.js')).lineTraceTransform(thread.settings, thread.idCounter);
  },
  shareParts: (parts) => shareLineTraceTargets(parts),
  async profile(data, meta, context) {
    return (await import('../memory-bridge.js')).memoryProfile(data, context.settings, { ...meta, interval: null });
  },
};
