import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Particle, ParticleSimulator, TIMESTEP, demoParticles, randomParticles, stepCount, type Method } from '../src/index.js';

const EULER: Method[] = ['evolve', 'evolveFast'];
const REFERENCE: [number, number][] = [
  [0.210269, 0.543863],
  [-0.099334, -0.490034],
  [0.191358, -0.365227],
];

function evolved(method: Method, particles: Particle[], dt: number): Particle[] {
  new ParticleSimulator(particles).advance(method, dt);
  return particles;
}

for (const method of EULER) {
  test(`${method} matches the chapter's reference values within 1e-5`, () => {
    const particles = evolved(method, demoParticles(), 0.1);
    particles.forEach((p, i) => {
      const [x, y] = REFERENCE[i]!;
      assert.ok(Math.abs(p.x - x) < 1e-5, `particle ${i}: x = ${p.x}, expected ${x}`);
      assert.ok(Math.abs(p.y - y) < 1e-5, `particle ${i}: y = ${p.y}, expected ${y}`);
    });
  });

  test(`${method} grows the squared radius by k^2 per step, within rounding`, () => {
    const particles = randomParticles(50, 7);
    const before = particles.map((p) => ({ r2: p.x * p.x + p.y * p.y, k: TIMESTEP * p.angVel }));
    const dt = 0.05;
    const n = stepCount(dt);
    evolved(method, particles, dt);
    particles.forEach((p, i) => {
      const { r2, k } = before[i]!;
      const expected = r2 + n * k * k;
      // Each step rounds a few times at relative precision 2^-53: the error is a random
      // walk bounded by n * 8 * eps * r^2 (a crude, safe bound).
      const tolerance = n * 8 * Number.EPSILON * expected;
      const actual = p.x * p.x + p.y * p.y;
      assert.ok(Math.abs(actual - expected) <= tolerance, `particle ${i}: r^2 = ${actual}, law says ${expected} (tolerance ${tolerance})`);
      // The growth is real, not lost in the tolerance, for particles that move.
      if (n * k * k > 10 * tolerance) assert.ok(actual > r2);
    });
  });

  test(`${method} moves the caller's particles in place`, () => {
    const particles = demoParticles();
    const first = particles[0]!;
    evolved(method, particles, 0.01);
    assert.notEqual(first.x, 0.3);
    assert.equal(particles[0], first);
  });

  test(`${method}: a dt shorter than one timestep takes no step`, () => {
    const particles = demoParticles();
    evolved(method, particles, TIMESTEP * 0.999);
    assert.deepEqual(
      particles.map((p) => [p.x, p.y]),
      demoParticles().map((p) => [p.x, p.y]),
    );
  });
}

test('evolveFast agrees with evolve within 1e-12', () => {
  const a = evolved('evolve', randomParticles(100, 1), 0.1);
  const b = evolved('evolveFast', randomParticles(100, 1), 0.1);
  a.forEach((p, i) => {
    assert.ok(Math.abs(p.x - b[i]!.x) < 1e-12, `particle ${i}: x ${p.x} vs ${b[i]!.x}`);
    assert.ok(Math.abs(p.y - b[i]!.y) < 1e-12, `particle ${i}: y ${p.y} vs ${b[i]!.y}`);
  });
});

test('evolveExact keeps the radius to 1e-12 and advances the angle by angVel*dt/r', () => {
  const particles = randomParticles(100, 3);
  const before = particles.map((p) => ({ r: Math.hypot(p.x, p.y), a: Math.atan2(p.y, p.x) }));
  const dt = 0.37;
  evolved('evolveExact', particles, dt);
  particles.forEach((p, i) => {
    const { r, a } = before[i]!;
    assert.ok(Math.abs(Math.hypot(p.x, p.y) - r) < 1e-12, `particle ${i} left its circle`);
    const turned = (p.angVel * dt) / r;
    // Compare as points on the circle, so a wrap past +-pi does not matter.
    assert.ok(Math.abs(p.x - r * Math.cos(a + turned)) < 1e-12);
    assert.ok(Math.abs(p.y - r * Math.sin(a + turned)) < 1e-12);
  });
});

test('evolveExact turns counter-clockwise for positive angVel, clockwise for negative', () => {
  const [ccw, cw] = evolved('evolveExact', [new Particle(1, 0, 1), new Particle(1, 0, -1)], 0.1);
  assert.ok(ccw!.y > 0, 'positive angVel goes up from (1, 0)');
  assert.ok(cw!.y < 0, 'negative angVel goes down from (1, 0)');
});

/**
 * How far the Euler methods may drift from the closed form after n steps of k = TIMESTEP *
 * angVel from radius r0. The radius grows to rn = sqrt(r0^2 + n k^2). Each step turns the
 * particle by atan(|k| / r_i) with r0 <= r_i <= rn, against |k| / r0 for the closed form,
 * so the angle lags by at most n |k| (1/r0 - 1/rn) + n |k|^3 / (3 r0^3). The distance
 * between the two points is at most the radial gap plus the arc of that lag at radius rn.
 */
function driftBound(r0: number, angVel: number, n: number): number {
  const k = Math.abs(TIMESTEP * angVel);
  const rn = Math.sqrt(r0 * r0 + n * k * k);
  const lag = n * k * (1 / r0 - 1 / rn) + (n * k ** 3) / (3 * r0 ** 3);
  return rn - r0 + rn * lag;
}

test('the Euler and exact families agree within the drift bound', () => {
  const dt = 0.1;
  const n = stepCount(dt);
  for (const method of EULER) {
    const start = [...demoParticles(), ...randomParticles(200, 11)];
    const euler = evolved(
      method,
      start.map((p) => new Particle(p.x, p.y, p.angVel)),
      dt,
    );
    // Exact motion for the same simulated time as the Euler steps.
    const exact = evolved(
      'evolveExact',
      start.map((p) => new Particle(p.x, p.y, p.angVel)),
      n * TIMESTEP,
    );
    start.forEach((p, i) => {
      const bound = driftBound(Math.hypot(p.x, p.y), p.angVel, n) * (1 + 1e-6) + 1e-12;
      const gap = Math.hypot(euler[i]!.x - exact[i]!.x, euler[i]!.y - exact[i]!.y);
      assert.ok(gap <= bound, `${method}, particle ${i}: gap ${gap} > bound ${bound}`);
    });
  }
});

test("the drift explains evolveExact's miss of the reference on the third particle", () => {
  const exact = evolved('evolveExact', demoParticles(), 0.1)[2]!;
  const offY = Math.abs(exact.y - REFERENCE[2]![1]!);
  assert.ok(offY > 1e-5 && offY < 1.3e-5, `third particle's y is ${offY} off`);
  assert.ok(offY <= driftBound(Math.hypot(-0.1, -0.4), 3, stepCount(0.1)) + 1e-6);
});

test('a particle at the origin is a RangeError naming its index', () => {
  const particles = [new Particle(1, 0, 1), new Particle(0, 0, 1)];
  assert.throws(() => new ParticleSimulator(particles), {
    name: 'RangeError',
    message: /particle 1 is at the origin/,
  });
  // Also when the caller moves a particle there after construction.
  const sim = new ParticleSimulator([new Particle(1, 0, 1)]);
  sim.particles[0]!.x = 0;
  for (const method of ['evolve', 'evolveFast', 'evolveExact'] as const) {
    assert.throws(() => sim[method](0.1), { name: 'RangeError', message: /particle 0 is at the origin/ });
  }
});

test('non-finite fields are RangeErrors naming the particle and the field', () => {
  for (const [field, value] of [
    ['x', NaN],
    ['y', Infinity],
    ['angVel', -Infinity],
  ] as const) {
    const p = new Particle(0.5, 0.5, 1);
    p[field] = value;
    assert.throws(() => new ParticleSimulator([new Particle(1, 1, 1), p]), {
      name: 'RangeError',
      message: new RegExp(`particle 1 has a non-finite ${field}: ${value}`),
    });
  }
});

test('negative or non-finite dt is a RangeError for every method', () => {
  const sim = new ParticleSimulator(demoParticles());
  for (const method of ['evolve', 'evolveFast', 'evolveExact'] as const) {
    for (const dt of [-0.1, NaN, Infinity]) {
      assert.throws(() => sim[method](dt), { name: 'RangeError', message: /dt must be a finite number >= 0/ });
    }
  }
  // Nothing moved.
  assert.deepEqual(
    sim.particles.map((p) => [p.x, p.y]),
    demoParticles().map((p) => [p.x, p.y]),
  );
});
