// --group-by: which benchmarks share a table.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBenchmarks } from '../src/bench/report.js';
import { withStats } from '../src/bench/results.js';

const benchmark = (file: string, name: string, group: string | null) =>
  withStats({
    name,
    fullname: `${file}::${name}`,
    file,
    group,
    iterations: 1,
    roundsNs: [1, 2, 3],
    warmup: { rounds: 0, ns: 0 },
    timer: { resolutionNs: 30, overheadNs: 1 },
    gc: null,
  });

const all = [
  benchmark('a.bench.ts', 'sort[10]', 'sorting'),
  benchmark('a.bench.ts', 'sort[1000]', 'sorting'),
  benchmark('b.bench.ts', 'sort[10]', null),
  benchmark('b.bench.ts', 'hash', null),
];

function grouped(keys?: Parameters<typeof groupBenchmarks>[1]) {
  return groupBenchmarks(all, keys).map(({ group, benchmarks }) => [group, benchmarks.map((b) => b.fullname)]);
}

test('by group (the default): the unnamed group first', () => {
  assert.deepEqual(grouped(), [
    [null, ['b.bench.ts::sort[10]', 'b.bench.ts::hash']],
    ['sorting', ['a.bench.ts::sort[10]', 'a.bench.ts::sort[1000]']],
  ]);
});

test('by func, by param, by file and param together', () => {
  assert.deepEqual(grouped(['func']), [
    ['hash', ['b.bench.ts::hash']],
    ['sort', ['a.bench.ts::sort[10]', 'a.bench.ts::sort[1000]', 'b.bench.ts::sort[10]']],
  ]);
  assert.deepEqual(grouped(['param']), [
    [null, ['b.bench.ts::hash']],
    ['10', ['a.bench.ts::sort[10]', 'b.bench.ts::sort[10]']],
    ['1000', ['a.bench.ts::sort[1000]']],
  ]);
  assert.deepEqual(
    grouped(['file', 'param']).map(([group]) => group),
    ['a.bench.ts 10', 'a.bench.ts 1000', 'b.bench.ts', 'b.bench.ts 10'],
  );
});
