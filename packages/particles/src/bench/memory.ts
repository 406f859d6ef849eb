/**
 * Bytes a structure holds, measured as V8 and Node account them: the JS heap, plus the
 * memory outside it (ArrayBuffers, WebAssembly memories), after full collections.
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

/** Heap used plus external memory (which counts ArrayBuffers and wasm memories), after a GC. */
export function bytesInUse(): number {
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** What `build` made and how many bytes it added, measured around it. */
export async function measureBytes<T>(build: () => Promise<T>): Promise<{ value: T; bytes: number }> {
  const before = bytesInUse();
  const value = await build();
  return { value, bytes: bytesInUse() - before };
}
