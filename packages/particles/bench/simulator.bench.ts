// The chapter's pytest-benchmark test (`benchmark(simulator.evolve, 0.1)`) for the three
// methods, as node:test tests. `npm test` / `node --test` runs each method once and checks
// the particles; `npx hotpath bench packages/particles/bench/` measures them and prints the
// pytest-benchmark table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench } from 'hotpath/bench';
// The package's own build, not ../src/*.ts: run through a type stripper, the declared fields
// `x: number;` would stay as `x;` and turn into the class-field trap (4x slower evolve).
import { ParticleSimulator, randomParticles, type Particle } from 'particles';

const GROUP = 'simulator: 1000 particles, dt 0.1';

/** The chapter's set: 1000 random particles, seed 42. */
function simulator(): ParticleSimulator {
  return new ParticleSimulator(randomParticles(1000, 42));
}

/**
 * Every particle is still near the circle it started on, within `tolerance` (absolute). The
 * Euler methods drift outwards: each step adds (1e-5 angVel)^2 to r^2, about 1e-6 per call of
 * evolve(0.1), and under `hotpath bench` the function runs a few dozen times.
 */
function assertOnTheirCircles(particles: readonly Particle[], start: readonly number[], tolerance: number): void {
  particles.forEach((p, i) => {
    const r = Math.hypot(p.x, p.y);
    assert.ok(Math.abs(r - start[i]!) <= tolerance, `particle ${i}: radius ${start[i]} -> ${r}`);
  });
}

function radii(sim: ParticleSimulator): number[] {
  return sim.particles.map((p) => Math.hypot(p.x, p.y));
}

test('evolve', (t) => {
  const sim = simulator();
  const start = radii(sim);
  bench(t, () => sim.evolve(0.1), { group: GROUP });
  assertOnTheirCircles(sim.particles, start, 1e-2);
});

test('evolveFast', (t) => {
  const sim = simulator();
  const start = radii(sim);
  bench(t, () => sim.evolveFast(0.1), { group: GROUP });
  assertOnTheirCircles(sim.particles, start, 1e-2);
});

test('evolveExact', (t) => {
  const sim = simulator();
  const start = radii(sim);
  bench(t, () => sim.evolveExact(0.1), { group: GROUP });
  assertOnTheirCircles(sim.particles, start, 1e-9);
});
