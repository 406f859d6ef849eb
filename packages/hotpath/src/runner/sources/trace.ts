/**
 * Trace mode (`hotpath profile --mode trace`): every call of the program's functions timed
 * by instrumentation (../../capture/trace/, through ../trace-bridge.ts).
 */
import type { TraceSnapshot } from '../../capture/trace/snapshot.js';
import type { CaptureSource } from './source.js';

/** Trace mode has no settings of its own (node_modules and the id counter are everyone's). */
export type TraceSettings = Record<string, never>;

export const traceSource: CaptureSource<TraceSettings, TraceSnapshot> = {
  name: 'trace',
  picks: (options) => options.mode === 'trace' && !options.lines,
  settings: () => ({}),
  instrumentsScriptPackage: true,
  // The recorder starts the root's time again where the program starts (CommonJS programs:
  // where the preload ends).
  marksProgramStart: true,
  async start() {
    const bridge = await import('../trace-bridge.js');
    const recording = bridge.startRecorder(); // before the hooks: the first module is recorded
    return { begin: () => recording.begin(), programStart: () => recording.begin(), collect: () => recording.stop().trace };
  },
  async transform(thread) {
    return (await import('../trace-bridge.js')).loaderTransform(thread.idCounter);
  },
  async profile(data, meta) {
    return (await import('../trace-bridge.js')).traceProfile(data, meta);
  },
};
