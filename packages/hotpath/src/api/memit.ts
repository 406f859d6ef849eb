/**
 * IPython's `%memit` (memory_profiler's `memit`): the peak resident memory of this process
 * while a function runs, and its increment over the memory before the call, in MiB.
 *
 * The peak is watched by a worker thread that reads the process's resident set size every
 * millisecond: a synchronous `fn` holds the main thread, as memory_profiler's sampler process
 * watches from outside. The worker starts before the baseline is read, so its own memory is
 * not counted as the function's.
 */
import { Worker } from 'node:worker_threads';

const MIB = 1024 * 1024;

// Atomics.waitAsync is in Node 20 (V8) but in TypeScript's lib only from ES2024.
const { waitAsync } = Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { value: Promise<string> | string } };

/** What {@link memit} measured, in MiB (2^20 bytes). */
export interface MemitResult {
  /** The highest resident memory seen during the calls (memit's `peak memory`). */
  peak: number;
  /** `peak` less `baseline` (memit's `increment`). */
  increment: number;
  /** Resident memory just before the first call. */
  baseline: number;
  /** How many times `fn` ran. */
  repeat: number;
}

/** Options of {@link memit}. */
export interface MemitOptions {
  /** Calls of `fn`, one after another; the peak is the highest over all (memit's `-r`). Default 1. */
  repeat?: number;
  /** Milliseconds between the watcher's readings. Default 1. */
  intervalMs?: number;
}

// The watcher: the highest RSS into peak[0] until stop[0] is set; ready[1] once it has read one.
const WATCHER = `
const { workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData.peak);
const flags = new Int32Array(workerData.flags);
for (;;) {
  const rss = process.memoryUsage.rss();
  if (rss > peak[0]) peak[0] = rss;
  if (Atomics.load(flags, 1) === 0) Atomics.store(flags, 1, 1), Atomics.notify(flags, 1);
  if (Atomics.wait(flags, 0, 0, workerData.intervalMs) !== 'timed-out') break;
}
`;

/**
 * Runs `fn` (`repeat` times, awaiting it if it returns a promise) and reports the peak
 * resident memory of the process during the calls and its increment over the memory before
 * them, in MiB, as memory_profiler's `memit` does. The increment counts what the calls made
 * resident and did not give back to the system before the peak: memory kept alive, and
 * memory collected but not yet returned; freshly allocated zeroed memory that is never
 * written (`new Float64Array(n)` alone) may not be resident at all.
 *
 * @example
 * ```ts
 * let particles: Particle[] = [];
 * console.log(formatMemit(await memit(() => (particles = randomParticles(100_000, 1)))));
 * // peak memory: 76.87 MiB, increment: 13.25 MiB (Node 20; 9.9 MiB of it the particles kept)
 * ```
 */
export async function memit(fn: () => unknown, options: MemitOptions = {}): Promise<MemitResult> {
  const repeat = options.repeat ?? 1;
  const intervalMs = options.intervalMs ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1) throw new RangeError(`memit: repeat must be a positive integer, got ${repeat}`);
  if (!(intervalMs > 0)) throw new RangeError(`memit: intervalMs must be a positive number, got ${intervalMs}`);
  const peak = new Float64Array(new SharedArrayBuffer(8));
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const watcher = new Worker(WATCHER, { eval: true, workerData: { peak: peak.buffer, flags: flags.buffer, intervalMs } });
  const exited = new Promise<void>((resolve, reject) => {
    watcher.once('error', reject);
    watcher.once('exit', () => resolve());
  });
  try {
    // Waits (without blocking the loop the worker starts on) until the watcher reads.
    const started = exited.then(() => Promise.reject(new Error('memit: the watcher thread ended before it read')));
    await Promise.race([waitAsync(flags, 1, 0).value, started]);
    const baseline = process.memoryUsage.rss();
    let highest = baseline;
    for (let i = 0; i < repeat; i++) {
      await fn();
      highest = Math.max(highest, process.memoryUsage.rss());
    }
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    await exited;
    highest = Math.max(highest, peak[0]!);
    return { peak: highest / MIB, increment: (highest - baseline) / MIB, baseline: baseline / MIB, repeat };
  } finally {
    Atomics.store(flags, 0, 1);
    Atomics.notify(flags, 0);
    await exited.catch(() => {});
  }
}

/** memit's line: `peak memory: 57.55 MiB, increment: 7.63 MiB`. */
export function formatMemit(result: MemitResult): string {
  return `peak memory: ${result.peak.toFixed(2)} MiB, increment: ${result.increment.toFixed(2)} MiB`;
}
