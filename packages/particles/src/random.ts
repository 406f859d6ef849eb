import { Particle } from './particle.js';

/**
 * A seeded pseudo-random generator (mulberry32) returning doubles in [0, 1).
 *
 * Built from 32-bit integer operations only (`Math.imul`, shifts), so the same seed
 * gives the same sequence on every platform and engine. Each double takes 53 random
 * bits from two 32-bit draws, so every value in [0, 1) on the 2^-53 grid can occur.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be an integer, got ${seed}`);
  }
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/**
 * `n` particles with x, y and angVel drawn uniformly from [-1, 1), reproducible from `seed`.
 *
 * @param n - how many particles (a non-negative integer)
 * @param seed - any safe integer; the same seed always gives the same set
 */
export function randomParticles(n: number, seed: number): Particle[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${n}`);
  }
  const random = seededRandom(seed);
  const uniform = (): number => 2 * random() - 1;
  const particles: Particle[] = [];
  for (let i = 0; i < n; i++) {
    particles.push(new Particle(uniform(), uniform(), uniform()));
  }
  return particles;
}
