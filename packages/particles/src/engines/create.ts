import type { Particle } from '../particle.js';
import type { ParticleArrays } from './arrays.js';
import { ObjectsSimulation } from './objects.js';
import { ENGINES, type Simulation, type SimulationOptions } from './simulation.js';
import { TypedSimulation } from './typed-simulation.js';
import { WasmSimulation } from './wasm-simulation.js';

/**
 * A simulation of copies of `particles` (a `Particle` list or arrays) in the engine
 * `options.engine`; all engines give `ParticleSimulator.evolve`'s positions bit for bit.
 * The `workers` engine is loaded only when asked for (it needs Node's worker_threads).
 *
 * @throws RangeError (as a rejection) for an unknown engine, a bad thread count, a set too
 * large for the engine, a non-finite field or a particle at the origin.
 */
export async function createSimulation(particles: readonly Particle[] | ParticleArrays, options: SimulationOptions = {}): Promise<Simulation> {
  const engine = options.engine ?? 'objects';
  if (options.threads !== undefined && engine !== 'workers') {
    throw new RangeError(`threads is an option of the workers engine, not of ${engine}`);
  }
  switch (engine) {
    case 'objects':
      return new ObjectsSimulation(particles);
    case 'typed':
      return new TypedSimulation(particles);
    case 'wasm':
      return WasmSimulation.create(particles);
    case 'workers': {
      const { WorkersSimulation } = await import('./workers.js');
      return WorkersSimulation.create(particles, options.threads);
    }
    default:
      throw new RangeError(`unknown engine '${String(engine)}'; choose from ${ENGINES.join(', ')}`);
  }
}
