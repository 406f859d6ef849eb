/**
 * Lets `hotpath profile` stop the program and keep its profile even while the program is
 * busy in one long synchronous computation. Node runs signal listeners from the event loop,
 * so flush.ts's SIGINT listener alone waits for the computation to return (a 30-second loop
 * ignores Ctrl-C, and a second Ctrl-C kills it without a profile).
 *
 * How: the parent also writes the signal's name, one line, to a pipe (`stopFd`, spawn.ts).
 * A worker thread (stop-worker.ts) reads it (workers get no signals, and this one runs none
 * of the program's code), connects an inspector session to the main thread and has it
 * `Runtime.evaluate` flush.ts's {@link EndBySignal}: V8 runs that on the main thread at its
 * next interrupt check, in the middle of the loop. It writes the capture; then the signal
 * is raised (see {@link StopListener.raise}) and the program dies of it as it would have.
 * Whichever of this and the signal listener comes first writes; the other does nothing.
 *
 * The worker also hears the signals itself (thread-signals.ts), so one sent to the program's
 * own pid stops it as well; and it watches the main thread's heap, so that a program about
 * to run out of memory leaves its capture, marked cut short (V8 then aborts the process,
 * running no JavaScript: nothing could write it later).
 *
 * A program with its own listener for the signal is not preempted: the evaluate does
 * nothing, and the signal the parent relays reaches its listener when its loop returns,
 * as under `node`.
 */
import { constants } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { STOP_SIGNALS, type EndBySignal, type Raise } from './flush.js';

/** Data of the worker (stop-worker.ts). */
export interface StopWorkerData {
  /** The parent's pipe, if any. */
  fd?: number;
  /** The signals it stops the program for (flush.ts). */
  signals: readonly NodeJS.Signals[];
  /** `Symbol.for(key)` on the main thread's global holds the {@link EndBySignal}. */
  key: string;
  /**
   * The main thread's old-space limit, bytes: near it the worker has the capture written
   * cut short, before V8 aborts the process (`FATAL ERROR: Reached heap limit`).
   */
  heapLimit: number;
  /**
   * Two Int32s: [0] is 0, then the number of the signal to raise once the capture is
   * written; [1] is 1 once the worker hears the signals.
   */
  raised: SharedArrayBuffer;
}

/** The main thread's side of the stop listener. */
export interface StopListener {
  /**
   * Raises a signal through the worker, holding the main thread still meanwhile, so that
   * the program does nothing after its capture. Not `process.kill()` here: killing its own
   * process from the main thread, node first runs its exit hooks, and with the worker's
   * session connected they print "Waiting for the debugger to disconnect...".
   */
  raise: Raise;
  /** Makes `end` what a stop request runs on the main thread. */
  serve(end: EndBySignal): void;
}

const KEY = 'hotpath.endBySignal';
/** How long the main thread waits for the worker to raise the signal before raising it itself. */
const HOLD_MS = 1000;
/** How long the program's start waits for the worker to hear signals (its start takes ~20 ms). */
const READY_MS = 2000;

/** Starts the stop listener: it hears the stop signals itself, and reads pipe `fd` if given. */
export function listenForStop(fd: number | undefined): StopListener {
  const raised = new Int32Array(new SharedArrayBuffer(8));
  const workerData: StopWorkerData = { fd, signals: STOP_SIGNALS, heapLimit: oldSpaceLimit(), key: KEY, raised: raised.buffer as SharedArrayBuffer };
  const worker = new Worker(new URL('./stop-worker.js', import.meta.url), {
    workerData,
    // Not the preload again; and stdout/stderr of its own, or creating the worker would
    // open the program's process.stdout and process.stderr (it never writes to them).
    execArgv: [],
    stdout: true,
    stderr: true,
  });
  worker.unref(); // never keeps the program alive
  // Should it fail, the signal listener of flush.ts is still there; the program's own
  // error handling must not see hotpath's failure.
  worker.on('error', () => {});
  return {
    raise(signal) {
      const number = constants.signals[signal];
      Atomics.store(raised, 0, number);
      Atomics.notify(raised, 0);
      Atomics.wait(raised, 0, number, HOLD_MS); // ended by the worker meanwhile
      process.kill(process.pid, signal);
    },
    serve(end) {
      // Not enumerable: the program's view of its global stays as under `node`.
      Object.defineProperty(globalThis, Symbol.for(KEY), { value: end, configurable: true });
      // The program starts once the worker hears signals: one sent to its pid while it
      // spins right away would otherwise wait for its loop (on a loaded machine a worker
      // can take longer to start than the program takes to get busy).
      Atomics.wait(raised, 1, 0, READY_MS);
    },
  };
}

/**
 * The old generation's limit, where V8 gives up: `--max-old-space-size` if the program set
 * it (argv or NODE_OPTIONS), else V8's whole heap limit less the young generation's
 * (3 semi-spaces of 16 MB on 64-bit: an estimate, only used for a warning threshold).
 */
function oldSpaceLimit(): number {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  let mb: number | undefined;
  for (const flag of flags) {
    const set = /^--max[-_]old[-_]space[-_]size=(\d+)$/.exec(flag);
    if (set) mb = Number(set[1]);
  }
  return mb !== undefined ? mb * 2 ** 20 : getHeapStatistics().heap_size_limit - 48 * 2 ** 20;
}
