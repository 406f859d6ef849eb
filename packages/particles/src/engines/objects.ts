import { Particle } from '../particle.js';
import { ParticleSimulator } from '../simulator.js';
import { toArrays, type ParticleArrays } from './arrays.js';
import { asArrays, type Simulation } from './simulation.js';

/**
 * The `objects` engine: the library's `ParticleSimulator` over its own `Particle` objects
 * (copies of the caller's), so this engine is `evolve` itself.
 */
export class ObjectsSimulation implements Simulation {
  readonly engine = 'objects' as const;
  readonly threads = 1;
  readonly bufferBytes = 0;
  readonly count: number;
  private readonly simulator: ParticleSimulator;

  constructor(particles: readonly Particle[] | ParticleArrays) {
    const arrays = asArrays(particles);
    this.count = arrays.x.length;
    const own: Particle[] = [];
    for (let i = 0; i < this.count; i++) own.push(new Particle(arrays.x[i]!, arrays.y[i]!, arrays.angVel[i]!));
    this.simulator = new ParticleSimulator(own);
  }

  async evolve(dt: number): Promise<void> {
    this.simulator.evolve(dt);
  }

  getParticles(): Particle[] {
    return this.simulator.particles.map((p) => new Particle(p.x, p.y, p.angVel));
  }

  getArrays(): ParticleArrays {
    return toArrays(this.simulator.particles);
  }

  setParticles(particles: readonly Particle[] | ParticleArrays): void {
    const arrays = asArrays(particles);
    if (arrays.x.length !== this.count) {
      throw new RangeError(`this simulation holds ${this.count} particles, got ${arrays.x.length}`);
    }
    this.simulator.particles.forEach((p, i) => {
      p.x = arrays.x[i]!;
      p.y = arrays.y[i]!;
      p.angVel = arrays.angVel[i]!;
    });
  }

  async close(): Promise<void> {}
}
