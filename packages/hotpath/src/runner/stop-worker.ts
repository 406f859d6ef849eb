/**
 * The stop listener's thread (see stop-listener.ts): hears the stop signals itself, and reads
 * signal names, one a line, from the parent's pipe; for either it has the main thread end the
 * program from an inspector interrupt.
 */
import { Session } from 'node:inspector';
import { Socket } from 'node:net';
import { constants } from 'node:os';
import { workerData } from 'node:worker_threads';
import type { StopWorkerData } from './stop-listener.js';
import { watchSignals } from './thread-signals.js';

const { fd, key, raised, signals, heapLimit } = workerData as StopWorkerData;
const SIGNALS = new Set<string>(signals);
/** How often the main thread's heap is looked at: a 64 MB heap fills in well under a second. */
const HEAP_POLL_MS = 20;

// A signal sent to the program's own pid (`kill <pid>`, a dropped terminal's SIGHUP) reaches
// this thread's loop too, even while the main thread's loop is stuck in synchronous code.
const unwatch = watchSignals(signals, stop);

// The main thread stores the signal's number once it has written the capture, and holds
// still until this raises it. (waitAsync: this thread must stay free to read the pipe.)
const flag = new Int32Array(raised);
Atomics.store(flag, 1, 1); // the main thread may let the program start
Atomics.notify(flag, 1);
const waited = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync(flag, 0, 0);
void Promise.resolve(waited.value).then(() => {
  const number = Atomics.load(flag, 0);
  // Let go of the signal first: while this thread still watches it, it would not kill.
  unwatch(Object.entries(constants.signals).find(([, n]) => n === number)?.[0] as NodeJS.Signals);
  process.kill(process.pid, number);
});

if (fd !== undefined) {
  let pending = '';
  const pipe = new Socket({ fd, readable: true, writable: false });
  pipe.setEncoding('utf8');
  pipe.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (SIGNALS.has(line)) stop(line as NodeJS.Signals);
  });
  pipe.on('error', () => pipe.destroy());
}

function stop(signal: NodeJS.Signals): void {
  onMainThread('Runtime.evaluate', { expression: `globalThis[Symbol.for(${JSON.stringify(key)})](${JSON.stringify(signal)})` });
}

// The heap watch: V8 runs no JavaScript once the heap is exhausted (it prints "Reached heap
// limit" and aborts), so the capture is written while there is still room for it, marked
// cut short. A program that lives on near its limit keeps running; its profile ends there.
// Asking the main thread for its heap takes an inspector session, and one connected when the
// program exits makes node print "Waiting for the debugger to disconnect...": so the main
// thread is asked only once the process has grown by a good part of the limit (its RSS,
// which this thread reads without disturbing it).
const NEAR = 0.6;
/** Past this share of the limit (in RSS growth, then in heap) the heap is looked at closely. */
const FILLING = 0.25;
const baseline = process.memoryUsage.rss();
function watchHeap(): void {
  if (process.memoryUsage.rss() - baseline < FILLING * heapLimit) {
    setTimeout(watchHeap, HEAP_POLL_MS).unref();
    return;
  }
  onMainThread('Runtime.getHeapUsage', {}, (usage) => {
    const used = (usage as { usedSize: number }).usedSize;
    if (used < NEAR * heapLimit) {
      setTimeout(watchHeap, used < FILLING * heapLimit ? HEAP_POLL_MS : HEAP_POLL_MS / 4).unref();
      return;
    }
    const reason = `the heap held ${mb(used)} of its ${mb(heapLimit)} limit`;
    onMainThread('Runtime.evaluate', { expression: `globalThis[Symbol.for(${JSON.stringify(key)})](null, ${JSON.stringify(reason)})` });
  });
}
watchHeap();

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

/** Sends one inspector request to the main thread (run there at its next interrupt check). */
function onMainThread(method: string, params: object, then: (result: object) => void = () => {}): void {
  // Connected only for the request: node prints "Waiting for the debugger to disconnect..."
  // when the main thread exits with a session connected.
  const session = new Session();
  session.connectToMainThread();
  session.post(method, params, (error, result) => {
    session.disconnect();
    if (!error) then(result as object);
  });
}
