/**
 * particles: the worked example of hotpath. Particles circle the origin and a simulator
 * advances them, naively (`evolve`), micro-optimised (`evolveFast`) or exactly
 * (`evolveExact`). Uses no Node-only API, so the same modules run in the web view. The
 * engines (typed arrays, WebAssembly, worker threads) are the subpath `particles/engines`, so a
 * program that does not use them does not load them.
 *
 * @packageDocumentation
 */
export { Particle } from './particle.js';
export { ParticleSimulator, TIMESTEP, METHODS, stepCount, type Method } from './simulator.js';
export { randomParticles, seededRandom } from './random.js';
export { demoParticles } from './demo.js';
