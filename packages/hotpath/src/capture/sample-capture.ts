import { InspectorSession } from './inspector.js';
import { startCoverage, takeCounts } from './coverage.js';
import type { SampleData } from './sample-profile.js';
import { startSampling, stopSampling } from './sampler.js';

/** Options of {@link SampleCapture}. */
export interface SampleCaptureOptions {
  /** Sampling interval, ns. */
  intervalNs: number;
  /** Whether to count calls with V8 block coverage (exact only for code loaded afterwards). */
  counts: boolean;
  /** Scripts whose counts are kept, by URL. */
  keepCounts?: (url: string) => boolean;
}

/**
 * Sample mode's capture in this thread: V8's sampler for time and V8's block coverage for
 * call counts, started and stopped synchronously (see {@link InspectorSession}).
 */
export class SampleCapture {
  private readonly session = new InspectorSession();
  private stopped: SampleData | null = null;

  constructor(private readonly options: SampleCaptureOptions) {
    // Coverage first: it deoptimises everything, which should not land in the samples.
    if (options.counts) startCoverage(this.session);
    startSampling(this.session, options.intervalNs);
  }

  /** Stops both sources and returns their data; later calls return the same data. */
  stop(): SampleData {
    if (!this.stopped) {
      const cpuProfile = stopSampling(this.session);
      const counts = this.options.counts ? takeCounts(this.session, this.options.keepCounts) : null;
      this.session.disconnect();
      this.stopped = { cpuProfile, counts };
    }
    return this.stopped;
  }
}
