// The particle simulator written in plain JavaScript: the same code as particle.ts and
// simulator.ts, statement for statement, without the types. Fields are created by the
// constructor's stores (no class-field declarations), as a JavaScript programmer writes
// it and as tsc emits the TypeScript with `useDefineForClassFields: false`.
//
// `particles bench` runs it beside the library to show what TypeScript costs at run
// time (nothing: the two should time alike) and as the reference for trap.js.
//
// Keep it in step with the TypeScript: the tests check that it computes the same
// positions, bit for bit.

/** Length of one Euler step, in time units. */
const TIMESTEP = 1e-5;

/** A point in the plane that circles the origin; see particle.ts. */
export class Particle {
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
