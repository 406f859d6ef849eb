/**
 * Particles as a struct of arrays: x, y and angVel in three `Float64Array`s, 24 bytes a
 * particle, the layout the typed, wasm and workers engines compute on.
 */
import { Particle } from '../particle.js';
import { seededRandom } from '../random.js';

/** A particle set as three arrays of one length: particle i is (x[i], y[i], angVel[i]). */
export interface ParticleArrays {
  x: Float64Array;
  y: Float64Array;
  angVel: Float64Array;
}

/** `particles` copied into three new arrays. */
export function toArrays(particles: readonly Particle[]): ParticleArrays {
  const n = particles.length;
  const arrays = { x: new Float64Array(n), y: new Float64Array(n), angVel: new Float64Array(n) };
  particles.forEach((p, i) => {
    arrays.x[i] = p.x;
    arrays.y[i] = p.y;
    arrays.angVel[i] = p.angVel;
  });
  return arrays;
}

/** The first `n` particles of `arrays` as new `Particle`s. */
export function toParticles(arrays: ParticleArrays, n = arrays.x.length): Particle[] {
  const particles: Particle[] = [];
  for (let i = 0; i < n; i++) particles.push(new Particle(arrays.x[i]!, arrays.y[i]!, arrays.angVel[i]!));
  return particles;
}

/**
 * The same set as `randomParticles(n, seed)`, drawn straight into arrays (no objects), for
 * sets too large to build as `Particle`s first.
 */
export function randomArrays(n: number, seed: number): ParticleArrays {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  const random = seededRandom(seed);
  const arrays = { x: new Float64Array(n), y: new Float64Array(n), angVel: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    // The order of randomParticles: x, y, angVel of particle 0, then of particle 1, ...
    arrays.x[i] = 2 * random() - 1;
    arrays.y[i] = 2 * random() - 1;
    arrays.angVel[i] = 2 * random() - 1;
  }
  return arrays;
}

/**
 * Rejects what `ParticleSimulator` rejects: arrays of unequal length, a non-finite field,
 * a particle at the origin.
 *
 * @throws RangeError naming the first offending particle.
 */
export function checkArrays(arrays: ParticleArrays): void {
  const { x, y, angVel } = arrays;
  if (y.length !== x.length || angVel.length !== x.length) {
    throw new RangeError(`x, y and angVel must have one length, got ${x.length}, ${y.length} and ${angVel.length}`);
  }
  for (let i = 0; i < x.length; i++) {
    // One plain test per particle (this runs on every write of sets of up to 10^8); the
    // message is worked out only for a particle that fails it.
    const px = x[i]!;
    const py = y[i]!;
    const pv = angVel[i]!;
    if (!(Number.isFinite(px) && Number.isFinite(py) && Number.isFinite(pv)) || (px === 0 && py === 0)) {
      throw particleError(arrays, i);
    }
  }
}

function particleError({ x, y, angVel }: ParticleArrays, i: number): RangeError {
  for (const [field, values] of [
    ['x', x],
    ['y', y],
    ['angVel', angVel],
  ] as const) {
    if (!Number.isFinite(values[i])) return new RangeError(`particle ${i} has a non-finite ${field}: ${values[i]}`);
  }
  return new RangeError(`particle ${i} is at the origin (0, 0): it has no direction of motion`);
}
