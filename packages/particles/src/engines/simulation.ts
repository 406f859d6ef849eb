/**
 * One simulator API over several engines. Each engine holds its own copy of the particles
 * and advances it with the Euler arithmetic of `ParticleSimulator.evolve`.
 */
import type { Particle } from '../particle.js';
import { stepCount } from '../simulator.js';
import { checkArrays, toArrays, toParticles, type ParticleArrays } from './arrays.js';

/** The engines, from the library's objects to WebAssembly on every core. */
export const ENGINES = ['objects', 'typed', 'wasm', 'workers'] as const;
/** One of {@link ENGINES}. */
export type EngineName = (typeof ENGINES)[number];

/** A particle set in one engine. */
export interface Simulation {
  readonly engine: EngineName;
  /** Particles in the set. */
  readonly count: number;
  /** Threads an evolve of a large set runs on (1 except for `workers`). */
  readonly threads: number;
  /**
   * Bytes of the buffers outside the JS heap that hold the particles: typed arrays or a
   * WebAssembly memory (0 for `objects`, whose particles are heap objects).
   */
  readonly bufferBytes: number;
  /**
   * `Math.trunc(dt / TIMESTEP)` Euler steps, as `ParticleSimulator.evolve(dt)`.
   *
   * @throws RangeError (as a rejection) for a negative or non-finite `dt`.
   */
  evolve(dt: number): Promise<void>;
  /** The particles, copied out as new `Particle`s. */
  getParticles(): Particle[];
  /** The particles, copied out as arrays. */
  getArrays(): ParticleArrays;
  /**
   * Replaces the particles by copies of `particles` (as many as the set has).
   *
   * @throws RangeError for another count, a non-finite field or a particle at the origin.
   */
  setParticles(particles: readonly Particle[] | ParticleArrays): void;
  /** Releases what the engine holds (threads); the simulation is unusable after. */
  close(): Promise<void>;
}

/** How to build a {@link Simulation}. */
export interface SimulationOptions {
  /** Which engine; `objects` (the library's ParticleSimulator) by default. */
  engine?: EngineName;
  /** For `workers`: how many threads, at most {@link MAX_THREADS}; the core count by default. */
  threads?: number;
}

/** The most threads `workers` accepts: beyond this it would only add handoffs. */
export const MAX_THREADS = 256;

/** `particles` as arrays, checked: a Particle list is copied, arrays are checked as they are. */
export function asArrays(particles: readonly Particle[] | ParticleArrays): ParticleArrays {
  const arrays = isArrays(particles) ? particles : toArrays(particles);
  checkArrays(arrays);
  return arrays;
}

function isArrays(particles: readonly Particle[] | ParticleArrays): particles is ParticleArrays {
  return !Array.isArray(particles);
}

/**
 * A simulation whose particles live in three `Float64Array`s (`views`, of at least `count`
 * elements: the wasm engines pad the set to an even count). Subclasses say how to advance.
 */
export abstract class ArraySimulation implements Simulation {
  abstract readonly engine: EngineName;
  abstract readonly threads: number;
  abstract readonly bufferBytes: number;

  constructor(
    readonly count: number,
    /** The engine's own storage; positions beyond `count` are padding. */
    protected readonly views: ParticleArrays,
  ) {}

  async evolve(dt: number): Promise<void> {
    const nsteps = stepCount(dt);
    if (nsteps > 0 && this.count > 0) await this.advance(nsteps);
  }

  /** Advances the whole set by `nsteps` (> 0) Euler steps. */
  protected abstract advance(nsteps: number): void | Promise<void>;

  getParticles(): Particle[] {
    return toParticles(this.readable(), this.count);
  }

  getArrays(): ParticleArrays {
    const { x, y, angVel } = this.readable();
    return { x: x.slice(0, this.count), y: y.slice(0, this.count), angVel: angVel.slice(0, this.count) };
  }

  setParticles(particles: readonly Particle[] | ParticleArrays): void {
    const arrays = asArrays(particles);
    if (arrays.x.length !== this.count) {
      throw new RangeError(`this simulation holds ${this.count} particles, got ${arrays.x.length}`);
    }
    this.store(arrays);
  }

  /** Copies checked `arrays` (of `count` particles) into the storage. */
  protected store(arrays: ParticleArrays): void {
    const views = this.readable();
    views.x.set(arrays.x);
    views.y.set(arrays.y);
    views.angVel.set(arrays.angVel);
  }

  /** The storage, after checking it may be read (the workers engine refuses after a failure). */
  protected readable(): ParticleArrays {
    return this.views;
  }

  async close(): Promise<void> {}
}

/**
 * An array simulation that computes on the calling thread (typed, wasm), so it can also
 * evolve synchronously: what an animation frame or a profiled loop wants.
 */
export abstract class SyncArraySimulation extends ArraySimulation {
  /** `evolve(dt)`, done before it returns. @throws RangeError for a bad `dt`. */
  evolveSync(dt: number): void {
    const nsteps = stepCount(dt);
    if (nsteps > 0 && this.count > 0) this.advance(nsteps);
  }

  protected abstract override advance(nsteps: number): void;
}
