/**
 * Samples a running process's resident memory from outside it, as `mprof run` does: the
 * parent reads /proc/PID/status every interval, so a child busy in a synchronous loop is
 * sampled all the same (an in-process timer would wait for the loop to end).
 */
import { readFileSync } from 'node:fs';
import { descendantsOf } from '../time/proc.js';
import type { MemSample } from './dat.js';

/** Resident memory of a process in MiB; null once it is gone. */
export function rssMiB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** What a sampler has gathered: the root's samples and each descendant's, by first-seen index. */
export interface Samples {
  mem: MemSample[];
  children: Map<number, MemSample[]>;
}

/**
 * Samples `root` every `intervalS` seconds (and its descendants when `includeChildren`),
 * until `stop()`, which returns what was gathered.
 */
export function sampleMemory(root: number, intervalS: number, includeChildren: boolean): { stop(): Samples } {
  const samples: Samples = { mem: [], children: new Map() };
  const childIndex = new Map<number, number>();
  const poll = (): void => {
    const time = Date.now() / 1000;
    const mib = rssMiB(root);
    if (mib !== null) samples.mem.push({ mib, time });
    if (!includeChildren) return;
    for (const pid of descendantsOf(root)) {
      const childMib = rssMiB(pid);
      if (childMib === null) continue;
      if (!childIndex.has(pid)) childIndex.set(pid, childIndex.size);
      const index = childIndex.get(pid)!;
      const list = samples.children.get(index) ?? [];
      list.push({ mib: childMib, time });
      samples.children.set(index, list);
    }
  };
  poll();
  const timer = setInterval(poll, Math.max(1, intervalS * 1000));
  return {
    stop() {
      clearInterval(timer);
      poll();
      return samples;
    },
  };
}
