/**
 * The `typed` engine: the particles as a struct of arrays in `Float64Array`s (24 bytes a
 * particle instead of a ~100-byte object each), advanced by the same Euler arithmetic as
 * `ParticleSimulator.evolve`.
 */
import { TIMESTEP, stepCount } from '../simulator.js';
import { checkArrays, type ParticleArrays } from './arrays.js';

/**
 * Particles per block: a block takes all its steps before the next one starts, so its
 * 3 * 512 * 8 bytes = 12 KiB stay in L1 cache however large the set is.
 */
export const BLOCK = 512;

/**
 * Advances particles `start` to `end` (exclusive) of `arrays` by `nsteps` Euler steps, in
 * blocks of {@link BLOCK}. Particles do not interact, so taking a block's steps before the
 * next block's gives the positions of step-by-step order, bit for bit: each particle sees
 * the same operations in the same order as in `evolve`.
 */
export function evolveArrays(arrays: ParticleArrays, start: number, end: number, nsteps: number): void {
  for (let block = start; block < end; block += BLOCK) {
    evolveBlock(arrays, block, Math.min(end, block + BLOCK), nsteps);
  }
}

/** All `nsteps` steps of particles `start` to `end`: the hot loop. */
function evolveBlock(arrays: ParticleArrays, start: number, end: number, nsteps: number): void {
  const { x, y, angVel } = arrays;
  const timestep = TIMESTEP;
  for (let step = 0; step < nsteps; step++) {
    for (let i = start; i < end; i++) {
      const px = x[i]!;
      const py = y[i]!;
      // evolve's arithmetic exactly: the unit tangent, then (timestep * angVel) times it
      const norm = Math.sqrt(px * px + py * py);
      const vx = -py / norm;
      const vy = px / norm;
      const k = timestep * angVel[i]!;
      x[i] = px + k * vx;
      y[i] = py + k * vy;
    }
  }
}

/** Checks `dt` and the arrays, then advances the whole set: `evolve` on arrays. */
export function evolveTyped(arrays: ParticleArrays, dt: number): void {
  const nsteps = stepCount(dt);
  checkArrays(arrays);
  evolveArrays(arrays, 0, arrays.x.length, nsteps);
}
