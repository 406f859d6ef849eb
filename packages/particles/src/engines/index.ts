/**
 * `particles/engines`: one simulator API over several engines: the library's objects, typed
 * arrays, WebAssembly SIMD and worker threads. Runs in the browser too, except `workers`
 * (loaded only when asked for).
 *
 * @packageDocumentation
 */
export { createSimulation } from './create.js';
export { ENGINES, MAX_THREADS, SyncArraySimulation, type EngineName, type Simulation, type SimulationOptions } from './simulation.js';
export { randomArrays, toArrays, toParticles, type ParticleArrays } from './arrays.js';
