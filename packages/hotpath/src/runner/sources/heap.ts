/**
 * `hotpath profile --heap [allocated|live]`: V8's sampling heap profiler over the whole run,
 * bytes per function (self and inclusive) instead of time. `allocated` counts every sampled
 * allocation, also what was collected since; `live`, what is still alive at the end.
 */
import type { V8HeapProfile } from '../../capture/heap/heap-sampler.js';
import type { CaptureSource } from './source.js';

/** What travels to the program's process. */
export interface HeapSettings {
  count: 'allocated' | 'live';
  /** Mean bytes between samples (V8's default, 32 KiB). */
  intervalBytes: number;
}

export const heapSource: CaptureSource<HeapSettings, V8HeapProfile> = {
  name: 'heap',
  picks: (options) => options.heap !== undefined && !options.lines,
  settings: (options) => ({ count: options.heap ?? 'allocated', intervalBytes: 32768 }),
  instrumentsScriptPackage: false,
  async start({ settings }) {
    const [{ InspectorSession }, { startHeapSampling, stopHeapSampling }] = await Promise.all([import('../../capture/inspector.js'), import('../../capture/heap/heap-sampler.js')]);
    const session = new InspectorSession();
    return {
      // After the hooks, as the CPU sampler: hotpath's start-up allocates too.
      begin: () => startHeapSampling(session, settings),
      collect: () => {
        const heap = stopHeapSampling(session);
        session.disconnect();
        return heap;
      },
    };
  },
  async profile(data, meta, { settings, own, requiredAsCommonJs }) {
    const [{ buildHeapProfile }, { SourceMapper }] = await Promise.all([import('../../capture/heap/heap-profile.js'), import('../../capture/source-maps.js')]);
    const mapper = new SourceMapper({ requiredAsCommonJs: new Set(requiredAsCommonJs) });
    const profile = buildHeapProfile(data, { ...meta, interval: null }, { mapper, ignoreUrl: own.isOwn, helperUrl: own.isHelper, programPackageUrl: own.isProgramPackage });
    const what = settings.count === 'allocated' ? 'allocated' : 'live at exit';
    profile.meta.notes = [
      `heap: bytes ${what}, sampled by V8 about every ${settings.intervalBytes / 1024} KiB allocated (each sample stands for that many bytes); calls are not counted`,
      ...profile.meta.notes.filter((note) => !/calls|time/i.test(note)),
    ];
    return { ...profile, measure: settings.count === 'allocated' ? 'allocated' : 'live' };
  },
};
