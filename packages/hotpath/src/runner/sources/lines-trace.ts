/**
 * Trace mode's line capture (`hotpath lines --mode trace`): line events in the picked
 * functions, timed (../../capture/lines-trace/, through ../lines-trace-bridge.ts).
 */
import type { LineTraceData } from '../../capture/lines-trace/capture.js';
import { shareLineTraceTargets } from './line-targets.js';
import type { CaptureSource } from './source.js';

/** What travels to the program's process (runner/lines-trace-bridge.ts). */
export interface LineTraceSettings {
  /** What the user picked: names, `file:line`, files (`--all`). */
  targets: string[];
  /** Where each thread appends the modules it saw (one JSON line each): the thread's own. */
  recordFile: string;
  /** Directory relative targets are resolved from. */
  cwd: string;
}

export const linesTraceSource: CaptureSource<LineTraceSettings, LineTraceData> = {
  name: 'lines-trace',
  picks: (options) => options.mode === 'trace' && options.lines !== undefined,
  settings: (options, run) => ({ targets: options.lines!.targets, cwd: run.cwd, recordFile: '' }),
  instrumentsScriptPackage: true,
  // The line captures measure what `@profile` marks; for the others TypeScript blanks them.
  readsMarkers: true,
  // Each thread its own record: slots and counters are per thread.
  forThread: (settings, output) => ({ ...settings, recordFile: `${output}.line-trace` }),
  async start(thread) {
    const bridge = await import('../lines-trace-bridge.js');
    const stop = bridge.startLineRecorder(thread.settings);
    return { collect: () => stop().lineTrace };
  },
  async transform(thread) {
    return (await import('../lines-trace-bridge.js')).lineTraceTransform(thread.settings, thread.idCounter);
  },
  shareParts: (parts) => shareLineTraceTargets(parts),
  async profile(data, meta) {
    return (await import('../lines-trace-bridge.js')).lineTraceProfile(data, { ...meta, interval: null });
  },
};
