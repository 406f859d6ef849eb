/**
 * The maximum resident set size of a process tree while it runs, as `/usr/bin/time -v`
 * reports it for the command's children (the largest single process, not the sum), read
 * from /proc (see proc.ts for what a poll can miss).
 */
import { descendantsOf, peakRssKiB } from './proc.js';

/** How often the known processes' high-water marks are read. */
const POLL_MS = 2;
/** Every how many polls /proc is scanned for new descendants (a scan costs ~1 ms). */
const SCAN_EVERY = 25;

/** Watches a process and its descendants; `stop()` gives the largest peak seen, KiB. */
export function watchPeakRss(root: number): { stop(): number | null } {
  const pids = new Set([root]);
  let peak: number | null = null;
  let polls = 0;
  const poll = (): void => {
    if (polls++ % SCAN_EVERY === 0) for (const pid of descendantsOf(root)) pids.add(pid);
    for (const pid of pids) {
      const kib = peakRssKiB(pid);
      if (kib === null) pids.delete(pid);
      else peak = Math.max(peak ?? 0, kib);
    }
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
