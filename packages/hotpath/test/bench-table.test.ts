// The pytest-benchmark table, golden: the rows of ../shared/formats/pytest_benchmark*.txt
// rebuilt from their statistics must print exactly as pytest-benchmark printed them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BenchStats } from '../src/bench/stats.js';
import { center, groupThousands, renderTable, timeUnit, type TableRow } from '../src/bench/table.js';

/** A row from the numbers pytest-benchmark printed (times in ms). */
function row(name: string, ms: number[], outliers: string, ops: number, rounds: number): TableRow {
  const [min, max, mean, stddev, median, iqr] = ms.map((x) => x * 1e6) as [number, number, number, number, number, number];
  const [stddevOutliers, iqrOutliers] = outliers.split(';').map(Number) as [number, number];
  const stats: BenchStats = { min, max, mean, stddev, median, iqr, q1: 0, q3: 0, stddevOutliers, iqrOutliers, outliers, ops, rounds, totalNs: 0 };
  return { name, stats, iterations: 1 };
}

const SOLO = [
  '-------------------------------------------- benchmark: 1 tests --------------------------------------------',
  'Name (time in ms)        Min     Max    Mean  StdDev  Median     IQR  Outliers       OPS  Rounds  Iterations',
  '------------------------------------------------------------------------------------------------------------',
  'test_evolve           7.0530  8.2157  7.2566  0.1906  7.1806  0.0901     28;27  137.8048     140           1',
  '------------------------------------------------------------------------------------------------------------',
].join('\n');

const COMPARED = [
  '------------------------------------------------------------------------------------ benchmark: 2 tests -----------------------------------------------------------------------------------',
  'Name (time in ms)                 Min               Max              Mean            StdDev            Median               IQR            Outliers       OPS            Rounds  Iterations',
  '-------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------',
  'test_evolve (0002_unversi)     6.9885 (1.0)      7.4792 (1.02)     7.1416 (1.00)     0.0684 (1.18)     7.1348 (1.00)     0.0712 (1.18)         37;6  140.0250 (1.00)        140           1',
  'test_evolve (NOW)              7.0050 (1.00)     7.3501 (1.0)      7.1148 (1.0)      0.0578 (1.0)      7.1109 (1.0)      0.0603 (1.0)          36;5  140.5511 (1.0)         139           1',
  '-------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------------',
].join('\n');

test('one benchmark: the layout of pytest_benchmark.txt, no ratios', () => {
  const rows = [row('test_evolve', [7.053, 8.2157, 7.2566, 0.1906, 7.1806, 0.0901], '28;27', 137.8048, 140)];
  assert.equal(renderTable({ group: null, rows }), SOLO);
});

test('two rows: ratios to the best of each column, as pytest_benchmark_compare.txt', () => {
  const rows = [
    row('test_evolve (0002_unversi)', [6.9885, 7.4792, 7.1416, 0.0684, 7.1348, 0.0712], '37;6', 140.025, 140),
    row('test_evolve (NOW)', [7.005, 7.3501, 7.1148, 0.0578, 7.1109, 0.0603], '36;5', 140.5511, 139),
  ];
  assert.equal(renderTable({ group: null, rows }), COMPARED);
});

test('a named group is quoted in the title as Python repr would', () => {
  const rows = [row('a', [1, 1, 1, 0, 1, 0], '0;0', 1000, 5)];
  assert.match(renderTable({ group: 'particles', rows }).split('\n')[0]!, /^-+ benchmark 'particles': 1 tests -+$/);
  assert.match(renderTable({ group: "it's", rows }).split('\n')[0]!, / benchmark "it's": 1 tests /);
});

test('the unit follows pytest-benchmark: ns under 1 µs, us, ms, s; OPS in Kops/s and Mops/s', () => {
  assert.deepEqual(timeUnit(999), ['n', 1e9]);
  assert.deepEqual(timeUnit(1000), ['u', 1e6]);
  assert.deepEqual(timeUnit(2e6), ['m', 1e3]);
  assert.deepEqual(timeUnit(3e9), ['', 1]);
  const fast = row('f', [1e-5, 2e-5, 1.5e-5, 0, 1.5e-5, 0], '0;0', 66_666_666.7, 5);
  const header = renderTable({ group: null, rows: [fast] }).split('\n')[1]!;
  assert.match(header, /^Name \(time in ns\) .* OPS \(Mops\/s\)  Rounds  Iterations$/);
  assert.match(renderTable({ group: null, rows: [fast] }), /^f +10\.0000 +20\.0000 +15\.0000 +0\.0000 +15\.0000 +0\.0000 +0;0 +66\.6667 +5 +1$/m);
});

test('Python formatting helpers: thousands separators and str.center', () => {
  assert.equal(groupThousands('1234567.8900'), '1,234,567.8900');
  assert.equal(groupThousands('999.0000'), '999.0000');
  assert.equal(center('ab', 7, '-'), '---ab--'); // Python: 'ab'.center(7, '-')
  assert.equal(center('abc', 8, '-'), '--abc---'); // Python: 'abc'.center(8, '-')
});

test('--columns picks columns in pytest-benchmark order; --time-unit fixes the unit', () => {
  const rows = [row('test_evolve', [7.053, 8.2157, 7.2566, 0.1906, 7.1806, 0.0901], '28;27', 137.8048, 140)];
  const table = renderTable({ group: null, rows }, { columns: ['rounds', 'min'], timeUnit: 'us' }).split('\n');
  assert.deepEqual(table.slice(1, 4), ['Name (time in us)            Min  Rounds', '----------------------------------------', 'test_evolve           7,053.0000     140']);
});
