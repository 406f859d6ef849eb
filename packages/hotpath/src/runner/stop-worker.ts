/**
 * The stop listener's thread (see stop-listener.ts): reads signal names, one a line, from
 * the parent's pipe, and has the main thread end the program from an inspector interrupt.
 */
import { Session } from 'node:inspector';
import { Socket } from 'node:net';
import { workerData } from 'node:worker_threads';
import type { StopWorkerData } from './stop-listener.js';

const { fd, key, raised } = workerData as StopWorkerData;
const SIGNALS = new Set<string>(['SIGINT', 'SIGTERM']);

// The main thread stores the signal's number once it has written the capture, and holds
// still until this raises it. (waitAsync: this thread must stay free to read the pipe.)
const flag = new Int32Array(raised);
const waited = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync(flag, 0, 0);
void Promise.resolve(waited.value).then(() => process.kill(process.pid, Atomics.load(flag, 0)));

let pending = '';
const pipe = new Socket({ fd, readable: true, writable: false });
pipe.setEncoding('utf8');
pipe.on('data', (chunk: string) => {
  const lines = (pending + chunk).split('\n');
  pending = lines.pop()!;
  for (const line of lines) if (SIGNALS.has(line)) stop(line);
});
pipe.on('error', () => pipe.destroy());

function stop(signal: string): void {
  // Connected only for the request: node prints "Waiting for the debugger to disconnect..."
  // when the main thread exits with a session connected.
  const session = new Session();
  session.connectToMainThread();
  const expression = `globalThis[Symbol.for(${JSON.stringify(key)})](${JSON.stringify(signal)})`;
  session.post('Runtime.evaluate', { expression }, () => session.disconnect());
}
