// timeit: Python's output format, and the API (timeit, repeat, autorange) on a fake clock.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autorange, repeat, timeit } from '../src/bench/timeit.js';
import { formatG, formatTime, resultLine, spreadWarning } from '../src/bench/timeit-format.js';
import { fakeTime } from './bench-fakes.js';

test('the result line is character for character what python -m timeit prints', () => {
  // ../shared/formats/timeit.txt
  assert.equal(resultLine(1, 5, 2.2), '1 loop, best of 5: 2.2 sec per loop');
  assert.equal(resultLine(1, 5, 0.256), '1 loop, best of 5: 256 msec per loop');
  assert.equal(resultLine(20, 5, 0.0199), '20 loops, best of 5: 19.9 msec per loop');
  assert.equal(resultLine(5_000_000, 3, 5.05e-8, 'usec'), '5000000 loops, best of 3: 0.0505 usec per loop');
});

test('times: %.3g in the largest unit reached, nsec below that', () => {
  assert.equal(formatTime(1.76), '1.76 sec');
  assert.equal(formatTime(1e-6), '1 usec');
  assert.equal(formatTime(5.05e-9), '5.05 nsec');
  assert.equal(formatTime(3e-10), '0.3 nsec');
  assert.equal(formatTime(1234), '1.23e+03 sec');
});

test('formatG is C printf %g', () => {
  assert.deepEqual(
    [0.000123456, 0.0001, 1, 99.95, 999.4, 999.6, 123456, 1e-5].map((x) => formatG(x, 3)),
    ['0.000123', '0.0001', '1', '100', '999', '1e+03', '1.23e+05', '1e-05'],
  );
});

test('the spread warning comes when the slowest repeat is 4x the fastest (IPython wording)', () => {
  assert.equal(spreadWarning([1, 1.5, 3.99]), null);
  assert.equal(spreadWarning([1, 4.5, 1]), 'The slowest run took 4.50 times longer than the fastest. This could mean that an intermediate result is being cached.');
});

test('timeit and repeat return seconds for `number` calls, timed with the given clock', () => {
  const time = fakeTime();
  const fn = () => time.advance(3);
  assert.equal(timeit(fn, { number: 1000, clock: time.clock }), 3e-6);
  assert.deepEqual(repeat(fn, { number: 10, repeat: 3, clock: time.clock }), [3e-8, 3e-8, 3e-8]);
  assert.throws(() => timeit(fn, { number: 1.5 }), /number must be an integer >= 0/);
  assert.throws(() => repeat(fn, { repeat: 0 }), /repeat must be an integer >= 1/);
});

test('autorange tries 1, 2, 5, 10, 20, ... until the calls take 0.2 s', () => {
  const time = fakeTime();
  const tried: number[] = [];
  const result = autorange(() => time.advance(10_000_000), { clock: time.clock, callback: (n) => tried.push(n) });
  assert.deepEqual(tried, [1, 2, 5, 10, 20]);
  assert.deepEqual(result, { number: 20, seconds: 0.2 });
});
