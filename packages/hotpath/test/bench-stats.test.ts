// pytest-benchmark's statistics, checked against values worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeStats } from '../src/bench/stats.js';

test('five rounds: mean, sample stddev, method-3 quartiles, outliers, OPS', () => {
  // Per call: 10, 20, 30, 40, 100 ns (rounds of 10 calls).
  const s = computeStats([100, 200, 300, 400, 1000], 10);
  assert.equal(s.min, 10);
  assert.equal(s.max, 100);
  assert.equal(s.mean, 40); // 200 / 5
  assert.equal(s.stddev, Math.sqrt(1250)); // (900 + 400 + 100 + 0 + 3600) / 4
  assert.equal(s.median, 30);
  assert.equal(s.q1, 17.5); // 0.25 * 10 + 0.75 * 20
  assert.equal(s.q3, 55); // 0.75 * 40 + 0.25 * 100
  assert.equal(s.iqr, 37.5);
  // mean ± stddev = 4.64 .. 75.36: only 100 is outside; Tukey fences -38.75 .. 111.25: none.
  assert.equal(s.outliers, '1;0');
  assert.equal(s.ops, 25_000_000); // 1e9 ns / 40 ns
  assert.equal(s.rounds, 5);
  assert.equal(s.totalNs, 2000);
});

test('an even number of rounds: quartiles are the medians of the halves (method 2)', () => {
  const s = computeStats([4, 1, 3, 2], 1);
  assert.equal(s.median, 2.5);
  assert.equal(s.q1, 1.5); // median of 1, 2
  assert.equal(s.q3, 3.5); // median of 3, 4
  assert.equal(s.stddev, Math.sqrt(5 / 3)); // (2.25 + 0.25 + 0.25 + 2.25) / 3
  // mean ± stddev = 1.21 .. 3.79: 1 and 4 are outside.
  assert.equal(s.outliers, '2;0');
});

test('seven rounds (n % 4 == 3) and a Tukey outlier', () => {
  const s = computeStats([1, 2, 3, 4, 5, 6, 70], 1);
  assert.equal(s.q1, 2.25); // 0.75 * sorted[1] + 0.25 * sorted[2]
  assert.equal(s.q3, 5.75); // 0.25 * sorted[4] + 0.75 * sorted[5]
  assert.equal(s.mean, 13); // 91 / 7
  assert.equal(s.stddev, Math.sqrt(3808 / 6));
  // mean ± stddev = -12.2 .. 38.2; fences 2.25 - 5.25 .. 5.75 + 5.25: 70 is outside both.
  assert.equal(s.outliers, '1;1');
});

test('one round: every statistic is that round, spread 0', () => {
  const s = computeStats([700], 7);
  assert.deepEqual([s.min, s.max, s.mean, s.median, s.q1, s.q3], [100, 100, 100, 100, 100, 100]);
  assert.deepEqual([s.stddev, s.iqr, s.outliers], [0, 0, '0;0']);
});

test('no rounds or no iterations is an error', () => {
  assert.throws(() => computeStats([], 1), RangeError);
  assert.throws(() => computeStats([1], 0), RangeError);
});
