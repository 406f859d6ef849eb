import { writeSync } from 'node:fs';

/** How the program ended: its exit code, or the signal that stopped it. */
export interface Ending {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /**
   * Why the capture was written before the program's end, which it was not expected to
   * survive (`'out of memory: ...'`): what ran after it is missing.
   */
  cutShort?: string;
}

/**
 * The signals after which the capture is written and the signal raised again: Ctrl-C,
 * `kill`, and a terminal or ssh session that closes.
 */
export const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Ends the program by `signal` after writing its capture, unless the program handles that
 * signal itself or the capture is already written (then whoever wrote it ends the program).
 * With `null` and a reason, writes the capture marked cut short for that reason and leaves
 * the program to the end it is heading for (the heap limit: stop-listener.ts).
 */
export type EndBySignal = (signal: NodeJS.Signals | null, cutShort?: string) => void;

/** Raises `signal` in this process, where it now has Node's default action. */
export type Raise = (signal: NodeJS.Signals) => void;

/**
 * Calls `write` once when the program ends, whichever way: it returns, throws, calls
 * `process.exit()`, or gets SIGINT/SIGTERM/SIGHUP. `write` must be synchronous: after 'exit' no
 * promise settles.
 *
 * Signals: where the program has no handler of its own, the capture is written and the
 * signal raised again with Node's default action, so the process ends by the signal as it
 * would have. Where the program handles the signal itself, it decides; if it then exits,
 * the 'exit' path writes the capture. A program busy in synchronous code sees a signal only
 * when it returns to the event loop (Node runs signal listeners there): the returned
 * function lets stop-listener.ts end it from an interrupt meanwhile, and `raise` is how
 * stop-listener.ts raises the signal.
 */
export function onProgramEnd(write: (ending: Ending) => void, raise: Raise = (signal) => process.kill(process.pid, signal)): EndBySignal {
  const once = writeOnce(write, 'the profile');
  const flush = once.flush;
  process.on('exit', (code) => flush({ exitCode: code, signal: null }));
  const handlers = new Map<NodeJS.Signals, () => void>();
  // process.abort() runs no 'exit' listener: the capture is written first, and the
  // parent sees the program end by SIGABRT as under `node`.
  const nodeAbort = process.abort;
  process.abort = function abort(): never {
    flush({ exitCode: null, signal: 'SIGABRT' });
    return nodeAbort.call(process);
  } as typeof process.abort;
  const endBySignal: EndBySignal = (signal, cutShort) => {
    if (signal === null) return flush({ exitCode: null, signal: null, cutShort: cutShort ?? 'stopped early' });
    const handler = handlers.get(signal);
    // More listeners than ours: the program's own handler decides.
    if (once.written || !handler || process.listenerCount(signal) > 1) return;
    flush({ exitCode: null, signal });
    process.removeListener(signal, handler); // back to the default action: end by the signal
    raise(signal);
  };
  for (const signal of STOP_SIGNALS) {
    const handler = (): void => endBySignal(signal);
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return endBySignal;
}

/**
 * A worker thread's {@link onProgramEnd}: `write` runs once, when the worker returns or
 * calls `process.exit()` ('exit' runs in workers too), or when the returned function is
 * called (the thread that created the worker asks, before terminating it: threads.ts).
 * Workers get no signals.
 */
export function onThreadEnd(write: (ending: Ending) => void): () => void {
  const { flush } = writeOnce(write, 'the profile of a worker thread');
  process.on('exit', (code) => flush({ exitCode: code, signal: null }));
  return () => flush({ exitCode: null, signal: null });
}

// `write` runs once, for whichever ending comes first; a failure is one line on stderr, never
// a throw on the way out of the process.
function writeOnce(write: (ending: Ending) => void, what: string): { flush: (ending: Ending) => void; readonly written: boolean } {
  let written = false;
  return {
    get written() {
      return written;
    },
    flush(ending) {
      if (written) return;
      written = true;
      try {
        write(ending);
      } catch (error) {
        writeSync(2, `hotpath: could not write ${what}: ${(error as Error).message}\n`);
      }
    },
  };
}
