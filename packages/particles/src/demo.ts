import { Particle } from './particle.js';

/**
 * The chapter's three-particle demo: (0.3, 0.5, +1), (0.0, -0.5, -1), (-0.1, -0.4, +3).
 * The third goes round three times faster than the first, the second turns clockwise.
 */
export function demoParticles(): Particle[] {
  return [new Particle(0.3, 0.5, 1), new Particle(0.0, -0.5, -1), new Particle(-0.1, -0.4, 3)];
}
