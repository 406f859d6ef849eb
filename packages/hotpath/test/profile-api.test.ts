// The programmatic API: Profiler (enable/disable/getStats/printStats), profile(fn), run().
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { Profiler, profile, run } from '../src/index.js';
import { FIXTURES, functionNamed, REPO } from './profile-helpers.js';

// Compiled on its first call, after enable(): block coverage counts it exactly.
function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

// Called only by the test below (a first compile inside profile()).
function lucas(n: number): number {
  return n === 0 ? 2 : n === 1 ? 1 : lucas(n - 1) + lucas(n - 2);
}

test('profile(fn) returns the result and the profile, with exact counts for code first run inside', async () => {
  const { result, profile: p } = await profile(async () => fib(20));
  assert.equal(result, 6765);
  assert.equal(functionNamed(p, 'fib').stats.calls, 21891);
  assert.equal(p.meta.mode, 'sample');
  assert.deepEqual(p.meta.command, ['(anonymous)']);
});

test("profile(fn): the function's time is kept, though it runs under profile()'s own frame", async () => {
  const { profile: p } = await profile(() => lucas(28));
  const stats = functionNamed(p, 'lucas').stats;
  assert.equal(stats.calls, 1028457);
  assert.ok(stats.self > 0.5 * p.functions.reduce((sum, fn) => sum + fn.self, 0), `lucas: ${stats.self} ns`);
});

test('Profiler: enable, disable, getStats and printStats like cProfile.Profile', () => {
  const profiler = new Profiler({ counts: false, label: ['work'] });
  assert.throws(() => profiler.getStats(), /never enabled/);
  profiler.enable();
  fib(15);
  profiler.disable();
  const stats = profiler.getStats();
  assert.equal(stats.meta.exactness.calls, 'none');
  assert.deepEqual(stats.meta.command, ['work']);
  let text = '';
  const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => ((text += chunk.toString()), done()) });
  profiler.printStats({ sort: ['cumtime'] }, sink);
  assert.match(text, /Ordered by: cumulative time/);
});

test('run(path) runs a script like the CLI and resolves to its exit code and profile', async () => {
  const traced = await run(path.join(REPO, 'examples/taylor.ts'), { mode: 'trace', stdio: 'ignore' });
  assert.equal(traced.exitCode, 0);
  assert.equal(functionNamed(traced.profile!, 'factorial').stats.primitiveCalls, 750);
  const exited = await run(path.join(FIXTURES, 'exit3.js'), { stdio: 'ignore' });
  assert.equal(exited.exitCode, 3);
  assert.equal(exited.profile!.meta.exitCode, 3);
});
