// The pstats table: layout (golden, from a hand-built profile), sorting, restrictions,
// units, file names and the notes on estimated or missing data.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderReport } from '../src/report/report.js';
import { parseSortKey } from '../src/report/sort.js';
import { renderStats } from '../src/report/stats-table.js';
import { internalsProfile, taylorProfile } from './fixtures.js';

const TAYLOR = `         188003 function calls (753 primitive calls) in 0.047 seconds

   Ordered by: internal time

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
188000/750    0.047    0.000    0.047    0.000 examples/taylor.ts:1(factorial)
        1    0.000    0.000    0.016    0.016 examples/taylor.ts:10(taylorSin)
        1    0.000    0.000    0.031    0.031 examples/taylor.ts:5(taylorExp)
        1    0.000    0.000    0.047    0.047 examples/taylor.ts:17(main)


`;

/** The function labels of a table, in order. */
function order(table: string): string[] {
  return table
    .split('\n')
    .filter((l) => /\(\w+\)$/.test(l) && !l.startsWith('   ncalls'))
    .map((l) =>
      l
        .split(' ')
        .at(-1)!
        .replace(/^.*\((\w+)\)$/, '$1'),
    );
}

test('the table is laid out exactly as pstats prints it', () => {
  assert.equal(renderStats(taylorProfile()), TAYLOR);
});

test('sort keys order the rows, later keys breaking ties', () => {
  const p = taylorProfile();
  assert.deepEqual(order(renderStats(p, { sort: ['cumtime'] })), ['main', 'factorial', 'taylorExp', 'taylorSin']);
  assert.deepEqual(order(renderStats(p, { sort: ['ncalls', 'name'] })), ['factorial', 'main', 'taylorExp', 'taylorSin']);
  assert.deepEqual(order(renderStats(p, { sort: ['ncalls', 'line'] })), ['factorial', 'taylorExp', 'taylorSin', 'main']);
  assert.deepEqual(order(renderStats(p, { sort: ['percall'] })), ['taylorSin', 'taylorExp', 'main', 'factorial']);
  assert.deepEqual(order(renderStats(p, { sort: ['name'] })), ['factorial', 'main', 'taylorExp', 'taylorSin']);
  assert.match(renderStats(p, { sort: ['cumtime', 'name'] }), /^ {3}Ordered by: cumulative time, function name$/m);
  assert.match(renderStats(p, { sort: ['percall'] }), /^ {3}Ordered by: internal time per call$/m);
});

test("pstats' sort names are accepted as aliases", () => {
  assert.equal(parseSortKey('time'), 'tottime');
  assert.equal(parseSortKey('cumulative'), 'cumtime');
  assert.equal(parseSortKey('calls'), 'ncalls');
  assert.equal(parseSortKey('filename'), 'file');
  assert.equal(parseSortKey('nfl'), 'nfl');
  assert.equal(parseSortKey('bogus'), undefined);
  assert.equal(parseSortKey('toString'), undefined);
});

test('a count or a fraction limits the rows and says so as pstats does', () => {
  const p = taylorProfile();
  const two = renderStats(p, { limit: 2 });
  assert.deepEqual(order(two), ['factorial', 'taylorSin']);
  assert.match(two, /^ {3}Ordered by: internal time\n {3}List reduced from 4 to 2 due to restriction <2>\n\n/m);
  const share = renderStats(p, { limit: 0.1 }); // int(4 * 0.1 + .5) = 0: nothing shown
  assert.match(share, /List reduced from 4 to 0 due to restriction <0.1>\n\n$/);
  assert.deepEqual(order(renderStats(p, { limit: 0.6 })), ['factorial', 'taylorSin']);
  assert.doesNotMatch(renderStats(p, { limit: 10 }), /List reduced/);
});

test('a filter keeps the functions whose file:line(name) matches, before the limit', () => {
  const p = taylorProfile();
  const text = renderStats(p, { filter: 'taylor[A-Z]', limit: 1 });
  assert.deepEqual(order(text), ['taylorSin']);
  assert.match(text, /List reduced from 4 to 2 due to restriction <'taylor\[A-Z\]'>\n {3}List reduced from 2 to 1 due to restriction <1>\n/);
  assert.deepEqual(order(renderStats(p, { filter: ':1\\(' })), ['factorial']);
});

test('--unit shows the times in ms or us, header included', () => {
  const text = renderStats(taylorProfile(), { unit: 'ms', limit: 1 });
  assert.match(text, /^ {9}188003 function calls \(753 primitive calls\) in 47\.470 milliseconds$/m);
  assert.match(text, /^188000\/750   47\.000    0\.000   47\.000    0\.063 examples\/taylor\.ts:1\(factorial\)$/m);
  assert.match(renderStats(taylorProfile(), { unit: 'us' }), /^ {8}1  300\.000  300\.000 15987\.500 15987\.500 examples\/taylor\.ts:10\(taylorSin\)$/m);
});

test('files show relative to the profile cwd, or by base name with stripDirs', () => {
  assert.match(renderStats(taylorProfile({ cwd: '/elsewhere' })), / \/proj\/examples\/taylor\.ts:1\(factorial\)$/m);
  assert.match(renderStats(taylorProfile(), { stripDirs: true }), / taylor\.ts:1\(factorial\)$/m);
});

test('unknown counts print as ?, and the header counts what is known', () => {
  const p = taylorProfile({ exactness: { calls: 'none', edges: 'none', time: 'sampled' } });
  p.functions = p.functions.map((f) => (f.frame === 4 ? { ...f, calls: null, primitiveCalls: null } : f));
  const text = renderStats(p);
  assert.match(text, /^ {9}3 function calls in 0\.047 seconds$/m);
  assert.match(text, /^ {8}\? {4}0\.047 {8}\? {4}0\.047 {8}\? examples\/taylor\.ts:1\(factorial\)$/m);
  p.functions = p.functions.map((f) => ({ ...f, calls: null, primitiveCalls: null }));
  assert.match(renderStats(p), /^ {9}\? function calls in 0\.047 seconds$/m);
});

test('estimated or missing data and the capture notes are said under the header', () => {
  const p = taylorProfile({
    mode: 'sample',
    exactness: { calls: 'estimated', edges: 'none', time: 'sampled' },
    notes: ['times are sampled every 1 ms'],
  });
  const head = renderStats(p).split('\n').slice(0, 6);
  assert.deepEqual(head, [
    '         188003 function calls (753 primitive calls) in 0.047 seconds',
    '   Note: call counts are estimated',
    '   Note: caller -> callee edges were not measured: --callers and --callees have nothing to show',
    '   Note: times are sampled every 1 ms',
    '',
    '   Ordered by: internal time',
  ]);
});

test('source lines come first, as pstats prints the files it loaded', () => {
  const text = renderStats(taylorProfile(), { sources: ['Wed Nov 25 17:05:58 2026    prof.json'] });
  assert.ok(text.startsWith('Wed Nov 25 17:05:58 2026    prof.json\n\n         188003 function calls'));
});

test('the report folds Node internals and node_modules into one row each unless asked', () => {
  const folded = renderReport(internalsProfile());
  assert.equal(
    folded,
    `         66 function calls in 0.075 seconds

   Ordered by: internal time

   ncalls  tottime  percall  cumtime  percall filename:lineno(function)
        3    0.066    0.022    0.073    0.024 {node_modules}
       30    0.006    0.000    0.007    0.000 app.ts:10(handler)
       32    0.002    0.000    0.002    0.000 {node internals}
        1    0.001    0.001    0.075    0.075 app.ts:1(main)


`,
  );
  const shown = renderReport(internalsProfile(), { showInternals: true });
  assert.match(shown, / node:fs:441\(readFileSync\)$/m);
  assert.match(shown, / node_modules\/lodash\/map\.js:5\(map\)$/m);
  const modules = renderReport(internalsProfile(), { showNodeModules: true });
  assert.match(modules, / node_modules\/lodash\/map\.js:5\(map\)$/m);
  assert.match(modules, / \{node internals\}$/m);
});
