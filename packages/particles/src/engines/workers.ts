/**
 * The `workers` engine (Node only): the particles in one shared WebAssembly memory, split
 * into contiguous slices, one per worker thread, each running the SIMD kernel on its slice.
 * Particles do not interact, so each slice takes all the steps of an evolve on its own: one
 * handoff per evolve, not per step, and the positions are those of the wasm engine.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Particle } from '../particle.js';
import type { ParticleArrays } from './arrays.js';
import { ArraySimulation, MAX_THREADS, asArrays } from './simulation.js';
import { fillPadding, instantiate, kernelModule, layout, memoryFor, runKernel, views, type Kernel, type Layout } from './wasm.js';
import type { Job, WorkerData } from './worker.js';

/**
 * Below this many particle-steps an evolve runs on the calling thread: a handoff to the
 * workers and back (two messages a worker, ~0.1 ms on a loaded machine) would cost more
 * than the other cores save (2^18 particle-steps take about 1 ms on one).
 */
export const INLINE_WORK = 2 ** 18;
/** Fewest particles a worker is given; smaller sets use fewer workers. */
export const MIN_SLICE = 64;

/** The default thread count: the cores this process may use. */
export function defaultThreads(): number {
  return os.availableParallelism();
}

/**
 * Checks a thread count.
 *
 * @throws RangeError for anything but an integer from 1 to {@link MAX_THREADS}.
 */
export function checkThreads(threads: number): number {
  if (!Number.isSafeInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new RangeError(`threads must be an integer from 1 to ${MAX_THREADS}, got ${threads}`);
  }
  return threads;
}

interface Running {
  worker: Worker;
  /** Its thread id, kept: `worker.threadId` reads -1 once it has exited. */
  threadId: number;
  /** The job it runs and how to settle it, while it runs one. */
  job?: { id: number; resolve: () => void; reject: (error: Error) => void };
}

/** The `workers` engine. */
export class WorkersSimulation extends ArraySimulation {
  readonly bufferBytes: number;
  readonly engine = 'workers' as const;
  /** The worker threads, started by the first evolve that needs them (for diagnostics). */
  readonly workers: Worker[] = [];
  private readonly running: Running[] = [];
  private failure: Error | undefined;
  private closed = false;
  private nextJob = 0;

  private constructor(
    count: number,
    readonly threads: number,
    private readonly at: Layout,
    readonly memory: WebAssembly.Memory,
    private readonly module: WebAssembly.Module,
    /** The same kernel on this thread, for sets too small to hand off. */
    private readonly kernel: Kernel,
  ) {
    super(count, views(memory.buffer, at));
    this.bufferBytes = memory.buffer.byteLength;
  }

  /** A workers simulation of copies of `particles` on `threads` threads (the core count by default). */
  static async create(particles: readonly Particle[] | ParticleArrays, threads = defaultThreads()): Promise<WorkersSimulation> {
    checkThreads(threads);
    const at = layout(particles instanceof Array ? particles.length : particles.x.length);
    const arrays = asArrays(particles);
    const memory = memoryFor(at, true);
    const module = await kernelModule(true);
    const kernel = await instantiate(module, memory);
    const simulation = new WorkersSimulation(arrays.x.length, threads, at, memory, module, kernel);
    fillPadding(simulation.views, arrays.x.length);
    simulation.store(arrays);
    return simulation;
  }

  /** The slices of one evolve: `threads` even ranges, fewer for small sets. */
  slices(): [number, number][] {
    const { padded } = this.at;
    const parts = Math.max(1, Math.min(this.threads, Math.floor(padded / MIN_SLICE)));
    const size = Math.ceil(padded / parts / 2) * 2;
    const slices: [number, number][] = [];
    for (let from = 0; from < padded; from += size) slices.push([from, Math.min(padded, from + size)]);
    return slices;
  }

  protected async advance(nsteps: number): Promise<void> {
    this.usable();
    const slices = this.slices();
    if (slices.length === 1 || this.at.padded * nsteps < INLINE_WORK) {
      runKernel(this.kernel, this.at, 0, this.at.padded, nsteps);
      return;
    }
    this.start(slices.length);
    const jobs = slices.map(([from, to], i) => this.run(this.running[i]!, { id: this.nextJob++, from, to, nsteps }));
    try {
      await Promise.all(jobs);
    } finally {
      // Idle again: unreferenced, unless close() is stopping them (it needs their exit events).
      if (!this.closed) for (const { worker } of this.running) worker.unref();
    }
  }

  /** Sends `job` to `running`'s worker; settles when it answers or dies. */
  private run(running: Running, job: Job): Promise<void> {
    return new Promise((resolve, reject) => {
      running.job = { id: job.id, resolve, reject };
      running.worker.ref(); // keeps the process alive until the answer
      running.worker.postMessage(job);
    });
  }

  /** Starts workers up to `count`. */
  private start(count: number): void {
    while (this.running.length < count) {
      const index = this.running.length;
      const data: WorkerData = { module: this.module, memory: this.memory, layout: this.at };
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
      const running: Running = { worker, threadId: worker.threadId };
      worker.on('message', (id: number) => {
        if (running.job?.id !== id) return;
        const { resolve } = running.job;
        running.job = undefined;
        resolve();
      });
      worker.on('error', (error) => this.fail(index, `failed: ${error.message}`));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(index, `exited with code ${code}`);
      });
      worker.unref(); // an idle simulation does not keep the process alive
      this.workers.push(worker);
      this.running.push(running);
    }
  }

  /** Marks the simulation failed and rejects every job in flight with the reason. */
  private fail(index: number, what: string): void {
    const error = new Error(
      `workers engine: worker ${index + 1} of ${this.running.length} (thread ${this.running[index]!.threadId}) ${what}; ` +
        'the positions are incomplete, so this simulation can no longer be used',
    );
    this.failure ??= error;
    for (const running of this.running) {
      const job = running.job;
      running.job = undefined;
      job?.reject(this.failure);
      running.worker.unref();
    }
  }

  /** @throws the failure that broke this simulation, or that it is closed. */
  private usable(): void {
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('workers engine: this simulation is closed');
  }

  protected override readable(): ParticleArrays {
    this.usable();
    return super.readable();
  }

  /** Stops the worker threads; an evolve still in flight rejects. */
  override async close(): Promise<void> {
    this.closed = true;
    for (const running of this.running) {
      running.job?.reject(new Error('workers engine: the simulation was closed during evolve'));
      running.job = undefined;
    }
    // Referenced while they stop: terminate() settles on the exit event, which an unreferenced
    // worker would let the process exit before.
    await Promise.all(
      this.workers.map((worker) => {
        worker.ref();
        return worker.terminate();
      }),
    );
  }
}
