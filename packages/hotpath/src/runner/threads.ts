/**
 * Worker threads of a profiled program. Each worker profiles itself: the preload runs in
 * every worker (node gives a worker its parent's `--import` unless the program passes its
 * own `execArgv`), finds its settings in the worker's environment data (copied from the
 * thread that created it, so nested workers get them too, and invisible to the program
 * unless it asks for hotpath's key) and writes its own capture part when it ends.
 *
 * A worker's `process.on('exit')` runs when it returns or calls `process.exit()`, not when
 * `worker.terminate()` stops it or the main thread exits while it runs. For those, the
 * thread that created the worker asks it to write its part first: through the inspector
 * (`NodeWorker.sendMessageToWorker` with a `Runtime.evaluate`, which the worker runs at
 * its next interrupt, even in the middle of a synchronous loop), then waits for the part on
 * a shared flag (Atomics.wait, so it works in an 'exit' handler), at most {@link FLUSH_WAIT_MS}.
 */
import { Session } from 'node:inspector';
import { getEnvironmentData, setEnvironmentData, threadId, Worker } from 'node:worker_threads';
import type { ChildConfig } from './config.js';

/** What a thread hands to the workers it creates (worker_threads environment data). */
export interface ThreadShare {
  config: ChildConfig;
  /** One Int32 per thread slot ({@link slotOf}): {@link PROFILING}, then {@link WRITTEN}. */
  flags: SharedArrayBuffer;
}

const KEY = 'hotpath.threads';
const FLUSH_KEY = 'hotpath.flushThread';
const SLOTS = 4096;
const PROFILING = 1;
const WRITTEN = 2;
/** How long a thread waits for a worker it stops to write its part. */
const FLUSH_WAIT_MS = 2000;

const slotOf = (id: number): number => id % SLOTS;

/** The main thread's share: the settings, and new flags. */
export function newShare(config: ChildConfig): ThreadShare {
  return { config, flags: new SharedArrayBuffer(4 * SLOTS) };
}

/** The share of this worker thread, from the thread that created it; `null` when not profiled. */
export function takeShare(): ThreadShare | null {
  return (getEnvironmentData(KEY) as ThreadShare | undefined) ?? null;
}

/** The workers one thread started, by thread id: their script URLs (names in the tables). */
export type WorkerUrls = Record<string, string>;

/** This thread's side: what it tells workers, and how it ends them. */
export interface ThreadWatch {
  /** The URLs of the workers this thread has started. */
  workers: WorkerUrls;
  /** Asks every worker still profiling to write its part, and waits for them. */
  flushWorkers(): void;
  /** Marks this thread's part written (for the thread that waits on it). */
  written(): void;
}

/**
 * Shares the settings with the workers this thread will create, watches them through the
 * inspector, and has `worker.terminate()` ask a worker for its part before stopping it.
 * `flush` is what a request from this thread's parent runs (a worker's own part).
 */
export function watchWorkers(share: ThreadShare, flush: () => void): ThreadWatch {
  setEnvironmentData(KEY, share);
  Object.defineProperty(globalThis, Symbol.for(FLUSH_KEY), { value: flush, configurable: true });
  const flags = new Int32Array(share.flags);
  Atomics.store(flags, slotOf(threadId), PROFILING);
  const sessions = new Map<number, string>();
  const workers: WorkerUrls = {};
  const session = new Session();
  session.connect();
  session.on('NodeWorker.attachedToWorker', ({ params }) => {
    // The inspector's workerId is its own count; node titles a worker `[worker <threadId>] name`.
    const id = Number(/^\[worker (\d+)\]/.exec(params.workerInfo.title)?.[1] ?? params.workerInfo.workerId);
    sessions.set(id, params.sessionId);
    workers[id] = params.workerInfo.url;
  });
  session.on('NodeWorker.detachedFromWorker', ({ params }) => {
    for (const [id, sessionId] of sessions) if (sessionId === params.sessionId) sessions.delete(id);
  });
  session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  const flushOne = (id: number): void => {
    const sessionId = sessions.get(id);
    if (sessionId === undefined || Atomics.load(flags, slotOf(id)) !== PROFILING) return;
    const expression = `globalThis[Symbol.for(${JSON.stringify(FLUSH_KEY)})]?.()`;
    const message = JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression } });
    session.post('NodeWorker.sendMessageToWorker', { sessionId, message });
    Atomics.wait(flags, slotOf(id), PROFILING, FLUSH_WAIT_MS);
  };
  patchTerminate(flushOne);
  return {
    workers,
    flushWorkers: () => {
      for (const id of sessions.keys()) flushOne(id);
    },
    written: () => {
      Atomics.store(flags, slotOf(threadId), WRITTEN);
      Atomics.notify(flags, slotOf(threadId));
    },
  };
}

// Not enumerable and same name and length: the program sees the Worker it knows.
function patchTerminate(flushOne: (id: number) => void): void {
  const original = Worker.prototype.terminate;
  const terminate = function (this: Worker): Promise<number> {
    flushOne(this.threadId);
    return original.call(this);
  };
  Object.defineProperty(terminate, 'name', { value: 'terminate' });
  Object.defineProperty(Worker.prototype, 'terminate', { value: terminate, writable: true, configurable: true, enumerable: false });
}
