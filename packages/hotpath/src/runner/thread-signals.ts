/**
 * Signals heard by a worker thread. Node emits signal events on the main thread only, and
 * there they wait for its event loop: a program spinning in synchronous code never sees
 * them. libuv itself delivers a signal to every loop that watches it, so a worker that
 * watches the signal through Node's own signal handle (the one `process.on('SIGINT')` uses
 * on the main thread) hears it at once, whoever sent it: hotpath, the terminal, or
 * `kill <pid of the program>`. That handle is only reachable through `process.binding()`
 * (deprecated, still in Node 20 and 22); where it is missing this watches nothing, and the
 * parent's pipe (spawn.ts) is the only way in.
 */
import { constants } from 'node:os';

interface SignalHandle {
  onsignal: ((signum: number) => void) | null;
  start(signum: number): number;
  close(): void;
  unref(): void;
}

/**
 * Calls `heard` for each of `signals` that reaches the process; returns what lets go of
 * one signal (or all, without an argument) so that it has its default action again.
 * Never keeps the thread alive.
 */
export function watchSignals(signals: readonly NodeJS.Signals[], heard: (signal: NodeJS.Signals) => void): (signal?: NodeJS.Signals) => void {
  const Signal = signalHandleClass();
  const handles = new Map<NodeJS.Signals, SignalHandle>();
  if (Signal) {
    for (const signal of signals) {
      const handle = new Signal();
      handle.unref();
      handle.onsignal = () => heard(signal);
      if (handle.start(constants.signals[signal]) === 0) handles.set(signal, handle);
      else handle.close();
    }
  }
  return (signal) => {
    for (const [name, handle] of handles) {
      if (signal !== undefined && name !== signal) continue;
      handle.close();
      handles.delete(name);
    }
  };
}

function signalHandleClass(): (new () => SignalHandle) | null {
  const binding = (process as unknown as { binding?: (name: string) => { Signal?: new () => SignalHandle } }).binding;
  // The deprecation warning would go to this thread's stderr, which nobody reads; silence it anyway.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return binding?.('signal_wrap').Signal ?? null;
  } catch {
    return null;
  } finally {
    process.emitWarning = emitWarning;
  }
}
