import type { Particle } from '../particle.js';
import type { ParticleArrays } from './arrays.js';
import { SyncArraySimulation, asArrays } from './simulation.js';
import { fillPadding, instantiate, kernelModule, layout, memoryFor, runKernel, views, type Kernel, type Layout } from './wasm.js';

/**
 * The `wasm` engine: the particles in a WebAssembly memory (24 bytes a particle, in 64 KiB
 * pages), advanced by the SIMD kernel two at a time on the calling thread.
 */
export class WasmSimulation extends SyncArraySimulation {
  readonly bufferBytes: number;
  readonly engine = 'wasm' as const;
  readonly threads = 1;

  private constructor(
    count: number,
    private readonly at: Layout,
    /** The memory holding the set. */
    readonly memory: WebAssembly.Memory,
    private readonly kernel: Kernel,
  ) {
    super(count, views(memory.buffer, at));
    this.bufferBytes = memory.buffer.byteLength;
  }

  /** A wasm simulation of copies of `particles`. */
  static async create(particles: readonly Particle[] | ParticleArrays): Promise<WasmSimulation> {
    const at = layout(particles instanceof Array ? particles.length : particles.x.length);
    const arrays = asArrays(particles);
    const memory = memoryFor(at, false);
    const kernel = await instantiate(await kernelModule(false), memory);
    const simulation = new WasmSimulation(arrays.x.length, at, memory, kernel);
    fillPadding(simulation.views, arrays.x.length);
    simulation.store(arrays);
    return simulation;
  }

  protected advance(nsteps: number): void {
    runKernel(this.kernel, this.at, 0, this.at.padded, nsteps);
  }
}
