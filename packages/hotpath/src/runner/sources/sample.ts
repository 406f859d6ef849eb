/**
 * Sample mode (`hotpath profile`, the default): V8's sampler for time, and call counts by
 * one of three methods (see {@link CountMethod}).
 */
import type { SampleData } from '../../capture/sample-profile.js';
import type { ScriptCounts } from '../../capture/v8-types.js';
import type { CaptureSource } from './source.js';

/**
 * How sample mode counts calls: `instrument` (a counter in each of the program's functions,
 * ~2 ns a call), `coverage` (V8 block coverage: every function, Node's included, but 1.1x
 * to 1.9x slower loops), or `none`.
 */
export type CountMethod = 'instrument' | 'coverage' | 'none';

/** What travels to the program's process. */
export interface SampleSettings {
  /** Sampling interval, ns. */
  intervalNs: number;
  counts: CountMethod;
  /** With `instrument`: where each thread appends the functions it instrumented (count-bridge.ts). */
  countsFile?: string;
}

export const sampleSource: CaptureSource<SampleSettings, SampleData> = {
  name: 'sample',
  picks: (options) => (options.mode ?? 'sample') === 'sample' && !options.lines,
  settings: (options) => ({ intervalNs: intervalNs(options.interval), counts: options.counts ?? 'instrument' }),
  instrumentsScriptPackage: false,
  forThread: (settings, output) => (settings.counts === 'instrument' ? { ...settings, countsFile: `${output}.functions` } : settings),
  async start(thread) {
    const { settings } = thread;
    let collectCounts: (() => ScriptCounts[]) | null = null;
    if (settings.counts === 'instrument') {
      const bridge = await import('../count-bridge.js');
      const counters = bridge.installCounters();
      collectCounts = () => bridge.collectCounts(settings.countsFile!, counters);
    }
    const [{ SampleCapture }, { isOwnUrl }] = await Promise.all([import('../../capture/sample-capture.js'), import('../own-code.js')]);
    let capture: InstanceType<typeof SampleCapture> | null = null;
    return {
      // Last, after the hooks: coverage deoptimises everything, and neither V8 source should
      // record hotpath's start-up.
      begin: () => {
        capture = new SampleCapture({ intervalNs: settings.intervalNs, counts: settings.counts === 'coverage', keepCounts: (url) => !isOwnUrl(url) });
      },
      collect: () => {
        const sample = capture!.stop();
        if (collectCounts) return { ...sample, counts: collectCounts(), countedBy: 'instrument' };
        return settings.counts === 'coverage' ? { ...sample, countedBy: 'coverage' } : sample;
      },
    };
  },
  async transform(thread) {
    if (thread.settings.counts !== 'instrument') return null;
    return (await import('../count-bridge.js')).countTransform(thread.settings.countsFile!, thread.idCounter);
  },
  async profile(data, meta, { settings, own, requiredAsCommonJs }) {
    const [{ buildSampleProfile }, { SourceMapper }] = await Promise.all([import('../../capture/sample-profile.js'), import('../../capture/source-maps.js')]);
    const mapper = new SourceMapper({ requiredAsCommonJs: new Set(requiredAsCommonJs) });
    return buildSampleProfile(
      data,
      { ...meta, interval: settings.intervalNs },
      { mapper, ignoreUrl: own.isOwn, helperUrl: own.isHelper, programPackageUrl: own.isProgramPackage, timeline: true },
    );
  },
};

/** A run's sampling interval (milliseconds, default 1) in ns. */
export function intervalNs(ms: number | undefined): number {
  return Math.round((ms ?? 1) * 1e6);
}
