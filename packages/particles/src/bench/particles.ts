/**
 * The chapter's benchmark: a random particle set advanced by `dt`, for each simulator
 * method and each implementation of the simulator (the TypeScript library and its
 * plain-JavaScript twins).
 */
import { Particle, ParticleSimulator, TIMESTEP, randomParticles, stepCount, type Method } from '../index.js';
import * as plain from '../twins/plain.js';
import * as trap from '../twins/trap.js';
import { measure, type BenchCase, type Clock, type Stats } from './measure.js';

/** What the benchmark needs of a simulator implementation. */
interface ParticleLike {
  x: number;
  y: number;
  angVel: number;
}
interface SimulatorLike extends Record<Method, (dt: number) => void> {
  readonly particles: ParticleLike[];
}

/** One implementation of Particle and ParticleSimulator. */
export interface Implementation {
  /** Stable id, for JSON output. */
  readonly code: 'typescript' | 'plain-js' | 'class-field-trap';
  /** For the table. */
  readonly label: string;
  readonly Particle: new (x: number, y: number, angVel: number) => ParticleLike;
  readonly ParticleSimulator: new (particles: ParticleLike[]) => SimulatorLike;
}

/** The implementations compared, the library first (it is the baseline). */
export const IMPLEMENTATIONS: readonly Implementation[] = [
  { code: 'typescript', label: 'TypeScript', Particle, ParticleSimulator },
  { code: 'plain-js', label: 'plain JS', ...plain },
  { code: 'class-field-trap', label: 'class-field trap', ...trap },
];

/** Settings of a particle benchmark run. */
export interface ParticleBenchOptions {
  /** Particles in the set (the chapter: 1000). */
  n: number;
  /** Time each round advances by (the chapter: 0.1). */
  dt: number;
  seed: number;
  rounds: number;
  /** Methods to time, each for every implementation. */
  methods: readonly Method[];
  clock?: Clock;
  warmupNs?: number;
  onProgress?: (line: string) => void;
}

/** One row: a method of one implementation. */
export interface ParticleBenchRow extends Stats {
  method: Method;
  code: Implementation['code'];
  label: string;
  samplesNs: number[];
  /** Sum of x + y over the set after a round: the same in every round. */
  checksum: number;
  /** What one operation is: one particle advanced one Euler step, or (evolveExact) one particle. */
  op: 'particle-step' | 'particle';
  /** Operations per round. */
  ops: number;
  /** Median time per operation; null when a round does no operations (dt < one step). */
  nsPerOp: number | null;
  /** Median time relative to the baseline row's median. */
  ratio: number;
}

/** Everything a particle benchmark run found. */
export interface ParticleBenchReport {
  n: number;
  dt: number;
  /** Euler steps per round: Math.trunc(dt / TIMESTEP). */
  steps: number;
  timestep: number;
  seed: number;
  rounds: number;
  /** The row the ratios are relative to: the TypeScript row of the first method. */
  baseline: { method: Method; code: Implementation['code'] };
  rows: ParticleBenchRow[];
}

/**
 * Runs the benchmark: for each method (in the order given) and each implementation,
 * `rounds` timed calls of `method(dt)`, each on a fresh `randomParticles(n, seed)` set,
 * after a warm-up.
 *
 * @throws RangeError for invalid settings (n, dt, seed, rounds, no methods).
 */
export function runParticleBench(options: ParticleBenchOptions): ParticleBenchReport {
  const { n, dt, seed, rounds, methods } = options;
  const steps = stepCount(dt);
  randomParticles(n, seed); // validates n and seed before any time is spent
  const first = methods[0];
  if (first === undefined) throw new RangeError('no methods to benchmark');

  const pairs = methods.flatMap((method) => IMPLEMENTATIONS.map((impl) => ({ method, impl })));
  const cases = pairs.map(({ method, impl }) => benchCase(method, impl, options));
  const results = measure(cases, options);

  const baselineMedian = results[0]!.stats.medianNs; // TypeScript, first method
  const rows = pairs.map(({ method, impl }, i): ParticleBenchRow => {
    const { samplesNs, stats, checksum } = results[i]!;
    const op = method === 'evolveExact' ? 'particle' : 'particle-step';
    const ops = op === 'particle' ? n : n * steps;
    const nsPerOp = ops > 0 ? stats.medianNs / ops : null;
    const ratio = stats.medianNs / baselineMedian;
    const { code, label } = impl;
    return { method, code, label, ...stats, samplesNs, checksum, op, ops, nsPerOp, ratio };
  });
  const baseline = { method: first, code: 'typescript' as const };
  return { n, dt, steps, timestep: TIMESTEP, seed, rounds, baseline, rows };
}

/** A case timing `method(dt)` of `impl` on a fresh set each round. */
function benchCase(method: Method, impl: Implementation, options: ParticleBenchOptions): BenchCase {
  return {
    name: `${method} (${impl.label})`,
    prepare() {
      const sim = simulate(impl, randomParticles(options.n, options.seed));
      return { run: () => sim[method](options.dt), checksum: () => checksum(sim.particles) };
    },
  };
}

/**
 * A simulator of `impl` over copies of `particles` in `impl`'s own Particle class, so
 * each implementation only ever sees its own objects (its inline caches stay monomorphic).
 */
export function simulate(impl: Implementation, particles: readonly Particle[]): SimulatorLike {
  const own = particles.map((p) => new impl.Particle(p.x, p.y, p.angVel));
  return new impl.ParticleSimulator(own);
}

function checksum(particles: readonly ParticleLike[]): number {
  let sum = 0;
  for (const p of particles) sum += p.x + p.y;
  return sum;
}
