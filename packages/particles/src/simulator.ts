import type { Particle } from './particle.js';

/** Length of one Euler step, in time units. */
export const TIMESTEP = 1e-5;

/** The methods a simulator can advance with; tools and the web view select them by name. */
export const METHODS = ['evolve', 'evolveFast', 'evolveExact'] as const;
/** One of {@link METHODS}. */
export type Method = (typeof METHODS)[number];

/**
 * Advances particles around the origin.
 *
 * Three methods, kept side by side because the tools compare them:
 * - {@link ParticleSimulator.evolve}: the naive Euler integration of the chapter;
 * - {@link ParticleSimulator.evolveFast}: the same arithmetic, micro-optimised;
 * - {@link ParticleSimulator.evolveExact}: the closed form, no steps.
 *
 * Which to trust: the Euler methods are what the chapter profiles and what the reference
 * values were computed with; each step grows the squared radius by `(TIMESTEP * angVel)^2`,
 * so they drift outwards (about 1e-5 after 0.1 time units at angVel 3). Use
 * `evolveExact` for true positions, the Euler methods to reproduce the chapter.
 */
export class ParticleSimulator {
  /** The caller's particles; they are moved in place. */
  readonly particles: Particle[];

  /** @throws RangeError when a particle is at the origin or has a non-finite field. */
  constructor(particles: Particle[]) {
    this.particles = particles;
    checkParticles(particles);
  }

  /**
   * Euler integration, as in the chapter: `Math.trunc(dt / TIMESTEP)` steps; in each step
   * every particle advances once along its tangent. A `dt` shorter than one timestep
   * takes no step and leaves the particles unchanged.
   *
   * @throws RangeError for a negative or non-finite `dt`, or an invalid particle.
   */
  evolve(dt: number): void {
    const timestep = TIMESTEP;
    const nsteps = stepCount(dt);
    checkParticles(this.particles);

    for (let i = 0; i < nsteps; i++) {
      for (const p of this.particles) {
        // 1. the direction of motion: the unit tangent
        const norm = Math.sqrt(p.x * p.x + p.y * p.y);
        const vx = -p.y / norm;
        const vy = p.x / norm;
        // 2. the displacement
        const dx = timestep * p.angVel * vx;
        const dy = timestep * p.angVel * vy;
        p.x += dx;
        p.y += dy;
      }
    }
  }

  /**
   * The chapter's micro-optimised Euler integration: loops swapped (each particle runs
   * all its steps), `TIMESTEP * angVel` computed once per particle, and the update done
   * in one statement without temporaries. Same positions as {@link evolve} within 1e-12.
   *
   * @throws RangeError for a negative or non-finite `dt`, or an invalid particle.
   */
  evolveFast(dt: number): void {
    const nsteps = stepCount(dt);
    checkParticles(this.particles);

    for (const p of this.particles) {
      const k = TIMESTEP * p.angVel;
      for (let i = 0; i < nsteps; i++) {
        const norm = Math.sqrt(p.x * p.x + p.y * p.y);
        [p.x, p.y] = [p.x - (k * p.y) / norm, p.y + (k * p.x) / norm];
      }
    }
  }

  /**
   * The closed form: each particle stays on its circle of radius `r = |(x, y)|` and
   * its angle advances by `angVel * dt / r`. Keeps the radius to rounding (1e-12) and,
   * unlike the Euler methods, moves by any `dt`, however short.
   *
   * @throws RangeError for a negative or non-finite `dt`, or an invalid particle.
   */
  evolveExact(dt: number): void {
    checkDt(dt);
    checkParticles(this.particles);

    for (const p of this.particles) {
      const r = Math.hypot(p.x, p.y);
      const angle = Math.atan2(p.y, p.x) + (p.angVel * dt) / r;
      p.x = r * Math.cos(angle);
      p.y = r * Math.sin(angle);
    }
  }

  /** Advances by `dt` with the method named `method`. */
  advance(method: Method, dt: number): void {
    this[method](dt);
  }
}

/** How many Euler steps `dt` holds, after checking it. */
export function stepCount(dt: number): number {
  checkDt(dt);
  return Math.trunc(dt / TIMESTEP);
}

function checkDt(dt: number): void {
  if (!Number.isFinite(dt) || dt < 0) {
    throw new RangeError(`dt must be a finite number >= 0, got ${dt}`);
  }
}

/**
 * Rejects what would silently turn into NaN: a non-finite field, or a particle at the
 * origin, whose direction of motion (the tangent -y/r, x/r) is undefined.
 */
function checkParticles(particles: readonly Particle[]): void {
  particles.forEach((p, index) => {
    for (const field of ['x', 'y', 'angVel'] as const) {
      if (!Number.isFinite(p[field])) {
        throw new RangeError(`particle ${index} has a non-finite ${field}: ${p[field]}`);
      }
    }
    if (p.x === 0 && p.y === 0) {
      throw new RangeError(`particle ${index} is at the origin (0, 0): it has no direction of motion`);
    }
  });
}
