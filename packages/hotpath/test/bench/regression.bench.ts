// A benchmark whose work the environment can scale, to force a regression through the real
// CLI: HOTPATH_FIXTURE_SLOWDOWN=1.25 makes each call do 25% more of the same loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench } from '../../src/index.js';

const slowdown = Number(process.env.HOTPATH_FIXTURE_SLOWDOWN ?? '1');
const steps = Math.round(4000 * slowdown);

function work(): number {
  let h = 1;
  for (let i = 0; i < steps; i++) h = (h * 31 + i) & 0xffff;
  return h;
}

test('scaled-loop', (t) => {
  const h = bench(t, work, { group: 'fixture' });
  assert.ok(Number.isInteger(h));
});
