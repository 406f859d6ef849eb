/**
 * What Linux's /proc says about the processes `hotpath time` runs. Node has no wait4(2), so
 * the rusage of a finished child is not available directly; /proc gives the same kernel
 * accounting another way:
 *
 * - user and sys time: the kernel adds a reaped child's times (and those of the descendants
 *   it reaped) to its parent's `cutime` and `cstime` (fields 16 and 17 of /proc/self/stat),
 *   the figures wait4 reports. Node reaps its children, so the change in this process's
 *   fields across one run is that run's user and sys time, at the clock-tick resolution
 *   of /proc (sysconf(_SC_CLK_TCK), 100 Hz on Linux: 10 ms).
 * - maximum resident set size: `VmHWM` in /proc/PID/status is the high-water mark of a live
 *   process. It is read from the child and its descendants every few milliseconds while
 *   they run; being a high-water mark, a read never misses a peak that has passed, only
 *   growth in the last interval before a process exits.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: the unit of the times in /proc/PID/stat. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The user and sys time of this process's reaped children so far, in ns; null off Linux. */
export function childrenCpuNs(): { userNs: number; sysNs: number } | null {
  const fields = statFields('self');
  if (!fields) return null;
  const tickNs = 1e9 / CLOCK_TICKS_PER_SECOND;
  return { userNs: Number(fields[13]) * tickNs, sysNs: Number(fields[14]) * tickNs };
}

/** Whether /proc can tell the figures above on this system. */
export function hasProcfs(): boolean {
  return statFields('self') !== null;
}

// The fields of /proc/PID/stat after the command name, which may itself hold spaces and
// parentheses: index 0 is field 3 (state), 1 is the parent pid, 13 and 14 cutime and cstime.
function statFields(pid: number | 'self'): string[] | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The high-water mark of a process's resident memory, KiB; null once it is gone. */
export function peakRssKiB(pid: number): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** The pids of `root`'s live descendants (a scan of /proc: kernels often lack .../children). */
export function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields) parents.set(pid, Number(fields[1]));
  }
  const found: number[] = [];
  const wanted = new Set([root]);
  // Parents usually have lower pids; repeat until no new descendant turns up (pids wrap).
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (wanted.has(parent) && !wanted.has(pid)) {
        wanted.add(pid);
        found.push(pid);
        grew = true;
      }
    }
  }
  return found;
}
