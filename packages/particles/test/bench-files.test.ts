// bench/simulator.bench.ts: a quick test under node --test, a benchmark under hotpath bench.
// Only the shape of the output is checked; the speeds are in the README, from a real run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { METHODS } from '../src/index.js';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));
const HOTPATH = fileURLToPath(new URL('../../../hotpath/bin/hotpath.js', import.meta.url));

function withoutTestContext(): NodeJS.ProcessEnv {
  // Set inside node --test; a nested test run would report to us instead of printing.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

test('under node --test each method runs once and its particles are checked', () => {
  const result = spawnSync(process.execPath, ['--test', 'dist/bench/simulator.bench.js'], {
    cwd: PACKAGE,
    encoding: 'utf8',
    env: withoutTestContext(),
  });
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /# pass 3/);
});

test('hotpath bench on the TypeScript file measures the three methods in one group', () => {
  const args = ['bench', 'bench/simulator.bench.ts', '--min-rounds', '1', '--max-time', '0', '--warmup', '0', '--json'];
  const result = spawnSync(process.execPath, [HOTPATH, ...args], { cwd: PACKAGE, encoding: 'utf8', env: withoutTestContext() });
  assert.equal(result.status, 0, result.stderr);
  const run = JSON.parse(result.stdout) as { benchmarks: { name: string; group: string; iterations: number; roundsNs: number[] }[] };
  assert.deepEqual(
    run.benchmarks.map((b) => b.name),
    [...METHODS],
  );
  for (const b of run.benchmarks) {
    assert.equal(b.group, 'simulator: 1000 particles, dt 0.1');
    assert.ok(b.roundsNs.length >= 1 && b.iterations >= 1);
  }
});
