// pstats' print_callers / print_callees layout, golden from hand-built profiles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCallees, renderCallers } from '../src/report/callers.js';
import { renderReport } from '../src/report/report.js';
import { internalsProfile, taylorProfile } from './fixtures.js';

test('callers of factorial: itself 187250/749, taylorExp 500, taylorSin 250', () => {
  assert.equal(
    renderCallers(taylorProfile(), 'factorial'),
    `   Ordered by: internal time
   List reduced from 4 to 1 due to restriction <'factorial'>

Function                         was called by...
                                     ncalls  tottime  cumtime
examples/taylor.ts:1(factorial)  <- 187250/749    0.047    0.047  examples/taylor.ts:1(factorial)
                                        500    0.000    0.031  examples/taylor.ts:5(taylorExp)
                                        250    0.000    0.016  examples/taylor.ts:10(taylorSin)


`,
  );
});

test('callees of main and a function nobody called (pstats leaves the arrow alone)', () => {
  assert.equal(
    renderCallees(taylorProfile(), '^main$', { stripDirs: true }),
    `   Ordered by: internal time
   List reduced from 4 to 1 due to restriction <'^main$'>

Function            called...
                        ncalls  tottime  cumtime
taylor.ts:17(main)  ->       1    0.000    0.031  taylor.ts:5(taylorExp)
                             1    0.000    0.016  taylor.ts:10(taylorSin)


`,
  );
  assert.match(renderCallers(taylorProfile(), 'main'), /^examples\/taylor\.ts:17\(main\) {2}<- \n/m);
});

test('the name matches the function name alone (anchored) or file:line(name)', () => {
  assert.match(renderCallers(taylorProfile(), '^factorial$'), /List reduced from 4 to 1/);
  assert.match(renderCallers(taylorProfile(), 'taylor\\.ts:5'), /^examples\/taylor\.ts:5\(taylorExp\) {2}<- {7}1/m);
});

test('several functions are listed in the sort order, the name column sized to the longest', () => {
  const text = renderCallees(taylorProfile(), 'taylor[A-Z]', { sort: ['name'] });
  assert.match(
    text,
    /^examples\/taylor\.ts:5\(taylorExp\) {3}-> {5}500 {4}0\.000 {4}0\.031  examples\/taylor\.ts:1\(factorial\)\nexamples\/taylor\.ts:10\(taylorSin\)  -> {5}250/m,
  );
});

test('no match prints the restriction and no table', () => {
  assert.equal(renderCallers(taylorProfile(), 'nothing'), "   Ordered by: internal time\n   List reduced from 4 to 0 due to restriction <'nothing'>\n\n");
});

test('notes come first where edges are estimated or missing', () => {
  const text = renderCallers(taylorProfile({ exactness: { calls: 'exact', edges: 'estimated', time: 'sampled' } }), 'factorial');
  assert.ok(text.startsWith('   Note: caller -> callee counts and times are estimated\n\n   Ordered by: internal time\n'));
});

test('the report prints callers then callees on the folded profile', () => {
  const text = renderReport(internalsProfile(), { callers: 'internals', callees: 'internals' });
  assert.match(text, /^\{node internals\}  <- {7}2 {4}0\.001 {4}0\.001  app\.ts:1\(main\)\n {26}30 {4}0\.002 {4}0\.002  app\.ts:10\(handler\)$/m);
  assert.match(text, /^Function {10}called\.\.\.\n {22}ncalls  tottime  cumtime\n\{node internals\}  -> \n/m);
});
