// The harness with an injected clock: calibration, warm-up, the stopping rule, setup and
// teardown, the timed loop and its sink, and statistics computed from what it measured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Benchmark, grow } from '../src/bench/harness.js';
import { compileLoop, newSink } from '../src/bench/loop.js';
import { computeStats } from '../src/bench/stats.js';
import { FAKE_TIMER, fakeTime } from './bench-fakes.js';

test('calibration grows the calls per round x10, then in proportion, until a round reaches the target', () => {
  const time = fakeTime();
  const b = new Benchmark(() => time.advance(7), {
    clock: time.clock,
    timer: FAKE_TIMER,
    minRoundNs: 1000,
    warmupNs: 0,
    minRounds: 5,
    minTimeNs: 0,
  });
  const m = b.run();
  // 1 call: 7 ns; 10: 70; 100: 700 (within 10x: ceil(100 * 1000 / 700) = 143); 143: 1001 ns.
  assert.deepEqual(m.warmup, { rounds: 4, ns: 7 + 70 + 700 + 1001 });
  assert.equal(m.iterations, 143);
  assert.deepEqual(m.roundsNs, [1001, 1001, 1001, 1001, 1001]);
  assert.equal(computeStats(m.roundsNs, m.iterations).median, 7);
});

test('the target round is never under 1000 timer resolutions', () => {
  const time = fakeTime();
  const b = new Benchmark(() => time.advance(1), { clock: time.clock, timer: { resolutionNs: 50, overheadNs: 0 }, minRoundNs: 10 });
  assert.equal(b.targetRoundNs, 50_000);
});

test('grow: x10 while under a tenth of the target, then in proportion, always by at least one', () => {
  assert.equal(grow(1, 5, 1000), 10);
  assert.equal(grow(100, 700, 1000), 143);
  assert.equal(grow(100, 999, 1000), 101);
});

test('statistics through the harness equal those worked out by hand', () => {
  const time = fakeTime();
  const costs = [10, 20, 30, 40, 100];
  let call = 0;
  const b = new Benchmark(() => time.advance(costs[call++]!), {
    clock: time.clock,
    timer: FAKE_TIMER,
    iterations: 1,
    warmupRounds: 0,
    warmupNs: 0,
    minRounds: 5,
    minTimeNs: 0,
  });
  const m = b.run();
  assert.deepEqual(m.roundsNs, costs);
  const s = computeStats(m.roundsNs, m.iterations);
  assert.deepEqual([s.min, s.max, s.mean, s.median, s.q1, s.q3, s.outliers], [10, 100, 40, 30, 17.5, 55, '1;0']);
  assert.equal(s.stddev, Math.sqrt(1250));
});

test('warm-up lasts at least warmupNs; timed rounds stop on both minimums, or at maxRounds', () => {
  const time = fakeTime();
  const options = { clock: time.clock, timer: FAKE_TIMER, iterations: 1, warmupNs: 450, minRounds: 2, minTimeNs: 1000 };
  const m = new Benchmark(() => time.advance(100), options).run();
  assert.deepEqual(m.warmup, { rounds: 5, ns: 500 }); // 100 .. 500 ns: the 5th passes 450
  assert.equal(m.roundsNs.length, 10); // 2 rounds are not 1000 ns; 10 are
  const capped = new Benchmark(() => time.advance(100), { ...options, maxRounds: 4 }).run();
  assert.equal(capped.roundsNs.length, 4);
  const fewTime = new Benchmark(() => time.advance(100), { ...options, minRounds: 12 }).run();
  assert.equal(fewTime.roundsNs.length, 12); // 1000 ns reached after 10, but 12 rounds asked
});

test('setup gives each round a fresh state for one call; teardown sees the state and the result', () => {
  const time = fakeTime();
  let made = 0;
  const seen: Array<[number, unknown]> = [];
  const m = new Benchmark((state: { id: number }) => (time.advance(5), state.id * 2), {
    clock: time.clock,
    timer: FAKE_TIMER,
    setup: () => ({ id: ++made }),
    teardown: (state, result) => seen.push([state.id, result]),
    warmupRounds: 1,
    warmupNs: 0,
    minRounds: 3,
    minTimeNs: 0,
  }).run();
  assert.equal(m.iterations, 1);
  assert.deepEqual(m.roundsNs, [5, 5, 5]);
  assert.deepEqual(seen, [
    [1, 2],
    [2, 4],
    [3, 6],
    [4, 8],
  ]); // one warm-up round, three timed
});

test('bad options are refused before anything runs', () => {
  const fn = () => {};
  assert.throws(() => new Benchmark(fn, { minRounds: 0, timer: FAKE_TIMER }), /minRounds must be an integer >= 1/);
  assert.throws(() => new Benchmark(fn, { minTimeNs: -1, timer: FAKE_TIMER }), /minTimeNs must be a finite number >= 0/);
  assert.throws(() => new Benchmark(fn, { setup: () => 1, iterations: 2, timer: FAKE_TIMER }), /iterations must be 1 with setup/);
});

test('the timed loop: n calls between two clock reads, every result read, the last kept in the sink', () => {
  const time = fakeTime();
  const sink = newSink();
  let calls = 0;
  const loop = compileLoop(() => (time.advance(3), ++calls), time.clock, sink);
  assert.equal(loop(1000), 3000);
  assert.equal(calls, 1000);
  assert.equal(time.reads(), 2);
  assert.equal(sink.last, 1000);
  assert.equal(sink.hits, 0);
  // A loop of its own for every function: V8 keeps type feedback per function.
  assert.notEqual(
    compileLoop(() => 1, time.clock, sink),
    compileLoop(() => 1, time.clock, sink),
  );
});

test('with state, the loop passes it to each call', () => {
  const time = fakeTime();
  const sink = newSink();
  const loop = compileLoop((s?: never) => (s as unknown as { n: number }).n, time.clock, sink, true);
  loop(2, { n: 41 });
  assert.equal(sink.last, 41);
});
