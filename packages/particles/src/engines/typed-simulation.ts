import type { Particle } from '../particle.js';
import type { ParticleArrays } from './arrays.js';
import { SyncArraySimulation, asArrays } from './simulation.js';
import { evolveArrays } from './typed.js';

/** The `typed` engine: three `Float64Array`s of the set's length, 24 bytes a particle. */
export class TypedSimulation extends SyncArraySimulation {
  readonly engine = 'typed' as const;
  readonly threads = 1;
  readonly bufferBytes: number;

  constructor(particles: readonly Particle[] | ParticleArrays) {
    const arrays = asArrays(particles);
    const n = arrays.x.length;
    super(n, { x: new Float64Array(n), y: new Float64Array(n), angVel: new Float64Array(n) });
    this.store(arrays);
    this.bufferBytes = 24 * n;
  }

  protected advance(nsteps: number): void {
    evolveArrays(this.views, 0, this.count, nsteps);
  }
}
