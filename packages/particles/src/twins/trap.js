// The class-field trap: plain.js again, with the class fields declared (`x; y; angVel;`
// and `particles;`). That is what tsc emits for particle.ts and simulator.ts with
// `useDefineForClassFields: true` (the default for targets from ES2022), and what a type
// stripper (Node's --experimental-strip-types, amaro, ts-blank-space) leaves of
// `x: number;`.
//
// Why it is slow: a declared field is defined as `undefined` before the constructor
// runs, so V8 records the Particle field as "any value" (tagged) rather than "double",
// and every `p.x += dx` then allocates a fresh heap number instead of updating the
// field's number in place: garbage and minor GCs in the innermost loop. The README's
// benchmark section has the numbers. Nothing else differs from plain.js.
//
// A full copy rather than an import of plain.js's simulator on purpose: if one evolve
// function saw both Particle shapes its inline caches would go polymorphic, and the
// plain row of the benchmark would pay for the trap's objects.

/** Length of one Euler step, in time units. */
const TIMESTEP = 1e-5;

/** A point in the plane that circles the origin; see particle.ts. */
export class Particle {
  x;
  y;
  angVel;

  /**
   * @param {number} x - horizontal position
   * @param {number} y - vertical position
   * @param {number} angVel - signed speed along the circle
   */
  constructor(x, y, angVel) {
    this.x = x;
    this.y = y;
    this.angVel = angVel;
  }
}

/** Advances particles around the origin; see simulator.ts for the three methods. */
export class ParticleSimulator {
  particles;

  /** @param {Particle[]} particles - moved in place */
  constructor(particles) {
    this.particles = particles;
    checkParticles(particles);
  }

  /** @param {number} dt */
  evolve(dt) {
    const timestep = TIMESTEP;
    const nsteps = stepCount(dt);
    checkParticles(this.particles);

    for (let i = 0; i < nsteps; i++) {
      for (const p of this.particles) {
        const norm = Math.sqrt(p.x * p.x + p.y * p.y);
        const vx = -p.y / norm;
        const vy = p.x / norm;
        const dx = timestep * p.angVel * vx;
        const dy = timestep * p.angVel * vy;
        p.x += dx;
        p.y += dy;
      }
    }
  }

  /** @param {number} dt */
  evolveFast(dt) {
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

  /** @param {number} dt */
  evolveExact(dt) {
    checkDt(dt);
    checkParticles(this.particles);

    for (const p of this.particles) {
      const r = Math.hypot(p.x, p.y);
      const angle = Math.atan2(p.y, p.x) + (p.angVel * dt) / r;
      p.x = r * Math.cos(angle);
      p.y = r * Math.sin(angle);
    }
  }

  /**
   * @param {'evolve' | 'evolveFast' | 'evolveExact'} method
   * @param {number} dt
   */
  advance(method, dt) {
    this[method](dt);
  }
}

/** @param {number} dt */
function stepCount(dt) {
  checkDt(dt);
  return Math.trunc(dt / TIMESTEP);
}

/** @param {number} dt */
function checkDt(dt) {
  if (!Number.isFinite(dt) || dt < 0) {
    throw new RangeError(`dt must be a finite number >= 0, got ${dt}`);
  }
}

/** @param {readonly Particle[]} particles */
function checkParticles(particles) {
  particles.forEach((p, index) => {
    for (const field of /** @type {const} */ (['x', 'y', 'angVel'])) {
      if (!Number.isFinite(p[field])) {
        throw new RangeError(`particle ${index} has a non-finite ${field}: ${p[field]}`);
      }
    }
    if (p.x === 0 && p.y === 0) {
      throw new RangeError(`particle ${index} is at the origin (0, 0): it has no direction of motion`);
    }
  });
}
