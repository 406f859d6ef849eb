// One thread of the `workers` engine: instantiates the kernel over the shared memory it was
// handed, then runs each slice it is sent and answers with the job's number.
import { parentPort, workerData } from 'node:worker_threads';
import { runKernel, type Kernel, type Layout } from './wasm.js';

/** What the engine hands a worker when it starts it. */
export interface WorkerData {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  layout: Layout;
}

/** One slice of one evolve: particles from..to (even), nsteps steps. */
export interface Job {
  id: number;
  from: number;
  to: number;
  nsteps: number;
}

const { module, memory, layout } = workerData as WorkerData;
// Synchronous instantiation (allowed off the main thread of a page, and in Node), so the
// message listener is in place before the first job is read.
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as Kernel;

parentPort!.on('message', (job: Job) => {
  runKernel(kernel, layout, job.from, job.to, job.nsteps);
  parentPort!.postMessage(job.id);
});
