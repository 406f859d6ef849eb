// Slots of a capture's counters, handed out to modules as they are instrumented. The loader
// thread and the main thread both instrument modules of one process, so the next free slot
// lives in a SharedArrayBuffer both threads see (`thread.idCounter`).

/**
 * Hands out `count` consecutive slots (from 1) over the shared counter in `buffer` and
 * returns the first, or `null` once the slots would pass `capacity` (the module then runs
 * uninstrumented).
 */
export function sharedSlots(buffer: SharedArrayBuffer, capacity: number): (count: number) => number | null {
  const counter = new Int32Array(buffer);
  return (count) => {
    const first = Atomics.add(counter, 0, count) + 1;
    return first + count <= capacity ? first : null;
  };
}
