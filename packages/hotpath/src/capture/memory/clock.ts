// What `hotpath memory` reads at every line event of the picked functions.
//
// `heap` (the default): V8's heap in use plus its external memory, which holds typed arrays'
// and Buffers' backing stores (a Float64Array(1e6) is 7.6 MiB there and nothing in the heap).
// It moves by the bytes a line allocates, and down when a collection frees, and one read
// costs about 0.3 us (v8.getHeapStatistics). `rss`: the process's resident memory, what
// memory_profiler reads by default: it moves in pages, keeps what the allocator does not give
// back, and a read costs about 9 us, so a loop's lines are slower to measure.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Clock } from '../lines-trace/runtime.js';

/** Which memory is read. */
export type MemoryBackend = 'heap' | 'rss';

export const MEMORY_BACKENDS: readonly MemoryBackend[] = ['heap', 'rss'];

/**
 * Young garbage the heap reading lets pass before it collects it (see {@link memoryClock}).
 * A young-generation collection costs about 60 us here, so at this size even a line that
 * allocates a gigabyte of garbage pays about a quarter of a second for it.
 */
export const YOUNG_GARBAGE_BYTES = 256 * 1024;

/**
 * Growth since the last full collection after which the heap reading collects everything
 * (see {@link memoryClock}): at least this much, or a quarter of the heap in use after that
 * collection. Geometric, so a program that keeps a gigabyte pays for a few dozen full
 * collections, not one a mebibyte.
 */
export const OLD_GARBAGE_BYTES = 1024 * 1024;

/**
 * A "clock" in bytes for the line recorder. V8 frees garbage only when it collects, which
 * for the young generation is every 1-16 MiB allocated: read as it is, a line that makes
 * garbage would show it as memory kept, and a later line would show it freed. So where a
 * line is charged ({@link Clock.settled}), once the heap has grown by more than
 * {@link YOUNG_GARBAGE_BYTES} since the last collection, the young generation is collected
 * first (a scavenge, through V8's `gc({ type: 'minor' })`, got from a context of its own so
 * that the program sees no `gc`): a line's Increment is then what it kept, within that much.
 * Garbage that lived through a scavenge is old and only a full collection frees it: an array
 * grown by push leaves each backing store it outgrew, promoted once it passed 128 KiB (a
 * 100,000-element array leaves 1.4 MiB, 18% of what its elements retain). So once memory has
 * grown past {@link OLD_GARBAGE_BYTES} (or a quarter of the heap) since the last full collection, the
 * whole heap is collected first; the old garbage left over is a part of that growth.
 */
export function memoryClock(backend: MemoryBackend): Clock {
  if (backend === 'rss') return { now: () => process.memoryUsage.rss() };
  const read = (): number => {
    const heap = getHeapStatistics();
    return heap.used_heap_size + heap.external_memory;
  };
  const collect = collector();
  // A full collection's cost grows with the heap in use (about 0.75 ms a MiB here), not with
  // external memory, so the growth it waits for is a part of the heap.
  const fullAfter = (): number => Math.max(OLD_GARBAGE_BYTES, getHeapStatistics().used_heap_size / 4);
  let base = read(); // memory after the last collection of either kind
  let full = base; // memory after the last full collection
  let fullGrowth = fullAfter();
  return {
    now: read,
    settled() {
      let memory = read();
      if (memory - full > fullGrowth) {
        collect.major();
        memory = full = read();
        fullGrowth = fullAfter();
      } else if (memory - base > YOUNG_GARBAGE_BYTES) {
        collect.minor();
        memory = read();
      }
      if (memory < full) full = memory; // V8 collected on its own
      if (memory < base || memory - base > YOUNG_GARBAGE_BYTES) base = memory;
      return memory;
    },
  };
}

/**
 * V8's collections, without exposing `gc` to the program. Node 20's `gc({ type: 'major' })`
 * scavenges; only `gc()` with no options collects the whole heap.
 */
function collector(): { minor: () => void; major: () => void } {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options?: { type: 'minor' }) => void;
  setFlagsFromString('--no-expose-gc');
  return { minor: () => gc({ type: 'minor' }), major: () => gc() };
}

/** What the backend measures, in words for the table's note. */
export function describeBackend(backend: MemoryBackend): string {
  return backend === 'rss'
    ? "the process's resident memory (RSS, as memory_profiler reads it): pages, so small allocations may show 0 and freed memory may stay"
    : `V8's heap in use plus external memory (typed arrays' and Buffers' backing stores), read where each line ends, young garbage collected first once ${YOUNG_GARBAGE_BYTES / 1024} KiB of it may have built up and all garbage once memory has grown by ${OLD_GARBAGE_BYTES / 2 ** 20} MiB or a quarter of the heap: a line's Increment is what it kept`;
}
