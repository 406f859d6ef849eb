// memit (IPython's %memit) from the package's entry: a known allocation kept alive, one held
// only inside the call (seen by the watcher thread, gone before the call returns), an async
// function, and bad options.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { formatMemit, memit } from '../src/index.js';

const KEPT_MIB = (1e6 * 8) / 2 ** 20; // 7.63 MiB

// A collector for this process, without starting it with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const within10 = (actual: number, expected: number): boolean => Math.abs(actual - expected) <= expected / 10;

test('a Float64Array(1e6) kept alive (its pages written): increment 7.63 MiB within 10%', async () => {
  let kept: Float64Array | undefined;
  const result = await memit(() => {
    kept = new Float64Array(1e6).fill(1);
  });
  assert.equal(kept?.length, 1e6);
  assert.ok(within10(result.increment, KEPT_MIB), formatMemit(result));
  assert.ok(Math.abs(result.peak - result.baseline - result.increment) < 1e-9);
  assert.equal(result.repeat, 1);
  assert.match(formatMemit(result), /^peak memory: \d+\.\d\d MiB, increment: [78]\.\d\d MiB$/);
});

test('memory held only during the call is in the peak: the watcher thread reads while the call runs', async () => {
  gc();
  const result = await memit(() => {
    let held: Float64Array | null = new Float64Array(5e6).fill(2); // 38 MiB
    const until = Date.now() + 50;
    while (Date.now() < until); // synchronous: only another thread can read meanwhile
    assert.equal(held[0], 2);
    held = null;
    gc();
  });
  assert.ok(result.increment > 0.9 * 38.1, formatMemit(result));
});

test('an async function is awaited; repeat runs it again and keeps the highest peak', async () => {
  const kept: Float64Array[] = [];
  const result = await memit(
    async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      kept.push(new Float64Array(1e6).fill(3));
    },
    { repeat: 2 },
  );
  assert.equal(kept.length, 2);
  assert.equal(result.repeat, 2);
  assert.ok(within10(result.increment, 2 * KEPT_MIB), formatMemit(result));
});

test('bad options are a RangeError naming the option', async () => {
  await assert.rejects(
    memit(() => 0, { repeat: 0 }),
    { name: 'RangeError', message: 'memit: repeat must be a positive integer, got 0' },
  );
  await assert.rejects(
    memit(() => 0, { intervalMs: -1 }),
    { name: 'RangeError', message: 'memit: intervalMs must be a positive number, got -1' },
  );
});
