/**
 * Sample mode's line capture (`hotpath lines`): exact hits from counters in the picked
 * functions, times from the ticks of V8's log, which node writes itself
 * (../../capture/lines-sample/).
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { runInThisContext } from 'node:vm';
import { threadId } from 'node:worker_threads';
import type { LinesChildSettings } from '../../capture/lines-sample/child.js';
import type { LinesSampleData } from '../../capture/lines-sample/protocol.js';
import { v8LogFlags } from '../../capture/lines-sample/v8-flags.js';
import { shareLineTargets } from './line-targets.js';
import { intervalNs } from './sample.js';
import type { CaptureSource } from './source.js';

/** What travels to the program's process; `recordFile` is each thread's own. */
export type LinesSampleSettings = Omit<LinesChildSettings, 'recordFile'> & { recordFile?: string };

export const linesSampleSource: CaptureSource<LinesSampleSettings, LinesSampleData> = {
  name: 'lines-sample',
  // Its transform measures what `@profile` marks and blanks it (capture/lines-sample/transform.ts).
  readsMarkers: true,
  picks: (options) => (options.mode ?? 'sample') === 'sample' && options.lines !== undefined,
  settings(options, run) {
    const logDir = path.join(run.dir, 'v8-log');
    mkdirSync(logDir);
    return { targets: options.lines!.targets, logDir, intervalUs: intervalNs(options.interval) / 1000, cwd: run.cwd };
  },
  nodeFlags: (settings) => v8LogFlags(settings.logDir, settings.intervalUs),
  instrumentsScriptPackage: true,
  forThread: (settings, output) => ({ ...settings, recordFile: `${output}.lines` }),
  async start(thread) {
    markThreadLog();
    const child = await import('../../capture/lines-sample/child.js');
    const counters = child.installLineCounters();
    return { collect: () => child.collectLines(thread.settings as LinesChildSettings, counters) };
  },
  async transform(thread) {
    return (await import('../../capture/lines-sample/child.js')).linesTransform(thread.settings as LinesChildSettings, thread.idCounter);
  },
  shareParts: (parts) => shareLineTargets(parts),
  async profile(data, meta, { settings, own, thread }) {
    const { buildLinesSampleProfile } = await import('../../capture/lines-sample/profile.js');
    return buildLinesSampleProfile(data, { ...meta, interval: Math.round(settings.intervalUs * 1000) }, { own, thread });
  },
};

/**
 * V8 writes one log per isolate, named by the isolate's address. A script named for the
 * thread lands in its own log, so the parent can tell whose it is.
 */
function markThreadLog(): void {
  runInThisContext('0', { filename: `hotpath-thread:${threadId}` });
}
