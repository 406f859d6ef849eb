/**
 * particles: the worked example of hotpath. Particles circle the origin and a simulator
 * advances them, naively (`evolve`), micro-optimised (`evolveFast`) or exactly
 * (`evolveExact`). Uses no Node-only API, so the same modules run in the web view.
 *
 * @packageDocumentation
 */
export { Particle } from './particle.js';
export { ParticleSimulator, TIMESTEP, METHODS, stepCount, type Method } from './simulator.js';
export { randomParticles, seededRandom } from './random.js';
export { demoParticles } from './demo.js';
export { createSimulation } from './engines/create.js';
export {
  ENGINES,
  MAX_THREADS,
  type EngineName,
  type Simulation,
  type SimulationOptions,
} from './engines/simulation.js';
export { randomArrays, toArrays, toParticles, type ParticleArrays } from './engines/arrays.js';
