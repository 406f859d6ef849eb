// Python's number and repr formatting, which the tables copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctime, f8, fixed3, ncallsText, pythonRepr } from '../src/report/format.js';

test("fixed3 rounds exact ties to even, as Python's '%.3f' does", () => {
  assert.equal(fixed3(0.0625), '0.062');
  assert.equal(fixed3(0.1875), '0.188');
  assert.equal(fixed3(2.5625), '2.562');
  assert.equal(fixed3(0.0005), '0.001'); // not an exact tie in binary: above half
  assert.equal(fixed3(0.047), '0.047');
  assert.equal(f8(15987.5), '15987.500');
  assert.equal(f8(0), '   0.000');
});

test('ncalls text: total/primitive when they differ, ? when unknown', () => {
  assert.equal(ncallsText(188000, 750), '188000/750');
  assert.equal(ncallsText(3, 3), '3');
  assert.equal(ncallsText(3, null), '3');
  assert.equal(ncallsText(null, null), '?');
});

test("pythonRepr quotes as Python's repr()", () => {
  assert.equal(pythonRepr('factorial'), "'factorial'");
  assert.equal(pythonRepr("it's"), `"it's"`);
  assert.equal(pythonRepr('a\\.b\n'), "'a\\\\.b\\n'");
  assert.equal(pythonRepr(5), '5');
  assert.equal(pythonRepr(0.1), '0.1');
});

test('ctime prints as time.ctime()', () => {
  assert.equal(ctime(new Date(2026, 10, 5, 7, 5, 8)), 'Thu Nov  5 07:05:08 2026');
});
