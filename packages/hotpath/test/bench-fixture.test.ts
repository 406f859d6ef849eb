// bench(t, fn) itself: once under node --test, measured (into the side channel) under hotpath bench.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BENCH_ENV, parseChannel } from '../src/bench/channel.js';
import { bench, isBenchmarking } from '../src/bench/fixture.js';

test('without hotpath bench: fn runs once and its result comes back', (t) => {
  let calls = 0;
  assert.equal(isBenchmarking(), false);
  assert.equal(
    bench(t, () => ++calls),
    1,
  );
  assert.equal(calls, 1);
});

test('with setup: fn gets the state; teardown sees state and result', (t) => {
  const seen: unknown[] = [];
  const result = bench(t, (s: number[]) => s.length, { setup: () => [1, 2, 3], teardown: (s, r) => seen.push(s, r) });
  assert.equal(result, 3);
  assert.deepEqual(seen, [[1, 2, 3], 3]);
});

test('a function returning a promise is refused: only synchronous calls are timed', (t) => {
  assert.throws(() => bench(t, async () => 1), { name: 'TypeError', message: /returned a promise/ });
});

test('under hotpath bench: a start and a result record, named after the test, with the rounds', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-fixture-'));
  const output = path.join(dir, 'results.jsonl');
  process.env[BENCH_ENV] = JSON.stringify({ output, minRounds: 3, minTimeNs: 0, warmupNs: 0 });
  try {
    assert.equal(isBenchmarking(), true);
    const result = bench(t, () => 'done', { group: 'g' });
    assert.equal(result, 'done');
  } finally {
    delete process.env[BENCH_ENV];
  }
  const [start, measured] = parseChannel(fs.readFileSync(output, 'utf8'));
  const file = path.relative(process.cwd(), process.argv[1]!).split(path.sep).join('/');
  assert.deepEqual(start, { type: 'start', name: t.name, fullname: `${file}::${t.name}`, file, group: 'g' });
  assert.equal(measured?.type, 'result');
  if (measured?.type !== 'result') return;
  assert.equal(measured.roundsNs.length, 3);
  assert.ok(measured.iterations > 1, 'a trivial function is batched');
  assert.ok(measured.timer.overheadNs > 0 && measured.timer.resolutionNs > 0);
});
