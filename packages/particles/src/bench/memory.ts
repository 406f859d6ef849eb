/**
 * Bytes a structure adds to the JS heap, measured after full collections. (Buffers outside
 * the heap are counted by their owners: Node's `external` misses shared WebAssembly memories.)
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

/** A full garbage collection, without needing `node --expose-gc` on the command line. */
export function collectGarbage(): void {
  if (gc === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  gc(); // a second pass frees what the first one's finalizers released
}

/** JS heap bytes in use after a full GC. */
export function heapInUse(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** What `build` made and how many heap bytes it added, measured around it. */
export async function measureHeap<T>(build: () => Promise<T>): Promise<{ value: T; bytes: number }> {
  const before = heapInUse();
  const value = await build();
  return { value, bytes: heapInUse() - before };
}
