import { SampleCapture } from '../capture/sample-capture.js';
import { buildSampleProfile, type SampleData } from '../capture/sample-profile.js';
import type { Profile } from '../model/profile.js';
import { renderReport, type ReportOptions } from '../report/report.js';
import { isDependencyUrl, isOwnUrl } from '../runner/own-code.js';
import { VERSION } from '../version.js';

/** Options of {@link Profiler}. */
export interface ProfilerOptions {
  /** Sampling interval in milliseconds; default 1. */
  interval?: number;
  /**
   * Count calls with V8 block coverage (default `true`). Exact for functions compiled after
   * {@link Profiler.enable}; functions compiled before (code that already ran) get lower
   * bounds, and the profile says so. While enabled, loops run 1.1x to 1.9x slower.
   */
  counts?: boolean;
  /** What the profile's `meta.command` says was profiled; default `['(api)']`. */
  label?: string[];
}

/**
 * cProfile's `Profile` for the current thread: `enable()`, run code, `disable()`, then
 * `getStats()` or `printStats()`.
 *
 * What is exact: times are sampled (V8's sampling profiler); call counts come from V8 block
 * coverage and are exact only for functions first compiled after `enable()`; for code that
 * had already run they are lower bounds (V8 counted them without block counters, missing
 * calls from optimised code) and `meta.exactness.calls` is `'estimated'`. For exact counts
 * of a whole program, profile it from its start with {@link run} or `hotpath profile`.
 * Caller -> callee counts are always estimates here (see the profile's notes).
 * One profiler at a time: V8 has one coverage state per thread.
 *
 * @example
 * ```ts
 * const profiler = new Profiler();
 * profiler.enable();
 * work();
 * profiler.disable();
 * profiler.printStats({ sort: ['cumtime'], limit: 10 });
 * ```
 */
export class Profiler {
  private capture: SampleCapture | null = null;
  private data: SampleData | null = null;
  private startTime = '';
  private start = 0n;
  private duration = 0;

  constructor(private readonly options: ProfilerOptions = {}) {}

  /** Starts sampling (and counting); a second `enable()` while enabled does nothing. */
  enable(): void {
    if (this.capture) return;
    this.startTime = new Date().toISOString();
    this.start = process.hrtime.bigint();
    this.capture = new SampleCapture({
      intervalNs: Math.round((this.options.interval ?? 1) * 1e6),
      counts: this.options.counts ?? true,
      keepCounts: (url) => !isOwnUrl(url),
    });
  }

  /** Stops sampling; what was collected since `enable()` is kept for {@link getStats}. */
  disable(): void {
    if (!this.capture) return;
    this.data = this.capture.stop();
    this.duration = Number(process.hrtime.bigint() - this.start);
    this.capture = null;
  }

  /**
   * The profile of the last `enable()`..`disable()` period (disabling first if still enabled).
   * @throws Error when the profiler was never enabled.
   */
  getStats(): Profile {
    this.disable();
    if (!this.data) throw new Error('Profiler.getStats(): the profiler was never enabled');
    const meta = {
      command: this.options.label ?? ['(api)'],
      interval: Math.round((this.options.interval ?? 1) * 1e6),
      startTime: this.startTime,
      duration: this.duration,
      nodeVersion: process.version,
      exitCode: null,
      signal: null,
      cwd: process.cwd(),
      hotpathVersion: VERSION,
    };
    return buildSampleProfile({ ...this.data, countedBy: this.data.counts ? 'coverage' : undefined }, meta, { ignoreUrl: isOwnUrl, helperUrl: isDependencyUrl, timeline: true });
  }

  /**
   * Prints the pstats table of {@link getStats} (or callers/callees lists; see
   * {@link ReportOptions}), as cProfile's `print_stats()` does.
   */
  printStats(options: ReportOptions = {}, stream: NodeJS.WritableStream = process.stdout): void {
    stream.write(renderReport(this.getStats(), options));
  }
}
