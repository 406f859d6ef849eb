// --compare-fail: parsing, pytest-benchmark's messages, and the noise test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failedChecks, failureMessage, parseCompareFail } from '../src/bench/compare.js';
import { computeStats } from '../src/bench/stats.js';

test('expressions: percent, seconds (as pytest-benchmark), or a unit', () => {
  assert.deepEqual(parseCompareFail('min:5%'), { field: 'min', kind: 'percent', threshold: 5, text: 'min:5%' });
  assert.equal(parseCompareFail('mean:0.001').threshold, 1_000_000);
  assert.equal(parseCompareFail('median:20us').threshold, 20_000);
  assert.equal(parseCompareFail('stddev:1.5ms').threshold, 1_500_000);
  assert.equal(parseCompareFail('iqr:7ns').threshold, 7);
  assert.equal(parseCompareFail('max:2.5%').threshold, 2.5);
});

test('malformed expressions say what is expected', () => {
  for (const bad of ['min', 'min5%', 'fastest:5%', 'min:%', 'min:-5%', 'min:5 %', 'min:5parsecs', '']) {
    assert.throws(() => parseCompareFail(bad), { name: 'CompareFailSyntaxError', message: /expected FIELD:PERCENT% or FIELD:DIFFERENCE/ }, bad);
  }
});

test("pytest-benchmark's message for a failed check", () => {
  // pytest_benchmark_compare_fail.txt: min 6.9059 ms -> 8.6318 ms (as rounded in its table;
  // pytest-benchmark's 24.992082805 came from the unrounded times).
  const before = computeStats([6_905_900], 1);
  const now = computeStats([8_631_800], 1);
  const [failure] = failedChecks(before, now, [parseCompareFail('min:5%')]);
  assert.equal(failureMessage(failure!), "Field 'min' has failed PercentageRegressionCheck: 24.991673786 > 5.000000000");
  const [difference] = failedChecks(before, now, [parseCompareFail('min:0.001')]);
  assert.equal(failureMessage(difference!), "Field 'min' has failed DifferenceRegressionCheck: 0.001725900 > 0.001000000");
});

test('a change beyond the threshold is a regression only when the IQRs are apart', () => {
  const check = [parseCompareFail('median:5%')];
  const before = computeStats([100, 101, 102, 103, 104], 1);
  const apart = failedChecks(before, computeStats([120, 121, 122, 123, 124], 1), check);
  assert.deepEqual(
    apart.map((f) => f.inNoise),
    [false],
  );
  // Median +10%, but the rounds spread from 80 to 140: the middle halves overlap.
  const noisy = computeStats([80, 100, 111, 120, 140], 1);
  const before2 = computeStats([80, 95, 101, 110, 130], 1);
  assert.deepEqual(
    failedChecks(before2, noisy, check).map((f) => f.inNoise),
    [true],
  );
  // Within the threshold: nothing to report.
  assert.deepEqual(failedChecks(before, computeStats([101, 102, 103, 104, 105], 1), check), []);
});
