import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomParticles, seededRandom } from '../src/index.js';

test('the same seed gives the same particles; another seed does not', () => {
  assert.deepEqual(randomParticles(20, 42), randomParticles(20, 42));
  assert.notDeepEqual(randomParticles(20, 42), randomParticles(20, 43));
});

test('the sequence is pinned, so it is the same on every platform', () => {
  // Values computed once and frozen: a change to the generator must fail here, since
  // saved benchmarks and docs refer to sets by seed.
  const random = seededRandom(1);
  const first = [random(), random(), random()];
  assert.deepEqual(first, PINNED_SEED_1);
});

test('x, y and angVel are uniform in [-1, 1)', () => {
  const particles = randomParticles(20000, 5);
  for (const field of ['x', 'y', 'angVel'] as const) {
    const values = particles.map((p) => p[field]);
    assert.ok(values.every((v) => v >= -1 && v < 1));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    // Uniform on [-1, 1): mean 0, standard error sqrt(1/3 / 20000) ~ 0.004.
    assert.ok(Math.abs(mean) < 0.02, `${field} mean ${mean}`);
    const below = values.filter((v) => v < -0.5).length / values.length;
    assert.ok(Math.abs(below - 0.25) < 0.02, `${field}: ${below} below -0.5`);
  }
});

test('bad sizes and seeds are RangeErrors', () => {
  assert.throws(() => randomParticles(-1, 1), RangeError);
  assert.throws(() => randomParticles(1.5, 1), RangeError);
  assert.throws(() => randomParticles(1, 0.5), RangeError);
  assert.equal(randomParticles(0, 1).length, 0);
});

const PINNED_SEED_1 = [0.6270739361847618, 0.5274470447082144, 0.968377897747632];
