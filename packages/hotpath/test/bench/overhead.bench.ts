// The harness's floor and its precision, as benchmarks (`npx hotpath bench` on this file;
// packages/hotpath/bench/bench-bars.mjs runs it five times and prints the spread):
// - `noop` measures the loop around an empty function: it must read as ~0 and be flagged;
// - `ten-ns` is a small integer hash of about 10 ns a call on a 2-core EPYC (Zen 3) VM.
// Under plain `node --test` each runs once, as any bench() does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bench } from '../../src/index.js';

const table = new Int32Array(64).map((_, i) => (i * 7919) & 0xffff);
let cursor = 0;

/** Four multiply-add steps over a small table; a Smi result, so nothing is allocated. */
function tenNs(): number {
  let h = cursor;
  for (let i = 0; i < 4; i++) h = (h * 31 + table[(i + cursor) & 63]!) & 0xffff;
  cursor = (cursor + 1) & 63;
  return h;
}

test('noop', (t) => {
  assert.equal(
    bench(t, () => {}),
    undefined,
  );
});

test('ten-ns', (t) => {
  const h = bench(t, tenNs);
  assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffff);
});
