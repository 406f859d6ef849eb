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
 * A "clock" in bytes for the line recorder. V8 frees garbage only when it collects, which
 * for the young generation is every 1-16 MiB allocated: read as it is, a line that makes
 * garbage would show it as memory kept, and a later line would show it freed. So where a
 * line is charged ({@link Clock.settled}), once the heap has grown by more than
 * {@link YOUNG_GARBAGE_BYTES} since the last collection, the young generation is collected
 * first (a scavenge, through V8's `gc({ type: 'minor' })`, got from a context of its own so
 * that the program sees no `gc`): a line's Increment is then what it kept, within that much.
 * Old-generation garbage is left for V8's own major collections.
 */
export function memoryClock(backend: MemoryBackend): Clock {
  if (backend === 'rss') return { now: () => process.memoryUsage.rss() };
  const read = (): number => {
    const heap = getHeapStatistics();
    return heap.used_heap_size + heap.external_memory;
  };
  const collect = minorCollection();
  let base = read();
  return {
    now: read,
    settled() {
      let memory = read();
      if (memory - base > YOUNG_GARBAGE_BYTES) {
        collect();
        memory = read();
      }
      if (memory < base || memory - base > YOUNG_GARBAGE_BYTES) base = memory;
      return memory;
    },
  };
}

/** V8's young-generation collection, without exposing `gc` to the program. */
function minorCollection(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
  setFlagsFromString('--no-expose-gc');
  return () => gc({ type: 'minor' });
}

/** What the backend measures, in words for the table's note. */
export function describeBackend(backend: MemoryBackend): string {
  return backend === 'rss'
    ? "the process's resident memory (RSS, as memory_profiler reads it): pages, so small allocations may show 0 and freed memory may stay"
    : `V8's heap in use plus external memory (typed arrays' and Buffers' backing stores), read where each line ends, young garbage collected first once ${YOUNG_GARBAGE_BYTES / 1024} KiB of it may have built up: a line's Increment is what it kept (old-generation garbage waits for V8's own collections)`;
}
