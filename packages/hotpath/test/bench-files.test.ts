// Which files `hotpath bench` runs, and the SVG box plot.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { findBenchFiles, globToRegExp } from '../src/bench/files.js';
import { escapeXml, renderBoxPlot } from '../src/bench/histogram.js';
import { computeStats } from '../src/bench/stats.js';

test('globs: *, **, ? and {a,b}', () => {
  const re = globToRegExp('src/**/*.bench.{ts,js}');
  assert.ok(re.test('src/a.bench.ts'));
  assert.ok(re.test('src/x/y/a.bench.js'));
  assert.ok(!re.test('src/a.bench.mjs'));
  assert.ok(!re.test('lib/a.bench.ts'));
  assert.ok(globToRegExp('a?.ts').test('ab.ts') && !globToRegExp('a?.ts').test('a/.ts'));
  assert.ok(globToRegExp('a+b.(1).ts').test('a+b.(1).ts'));
});

test('files, directories and globs; by default every *.bench.* outside node_modules and dist', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-files-'));
  for (const file of ['bench/a.bench.ts', 'bench/b.bench.mjs', 'bench/notes.ts', 'node_modules/m/c.bench.js', 'dist/bench/a.bench.js', 'x.bench.js']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), '');
  }
  assert.deepEqual(findBenchFiles([], root), ['bench/a.bench.ts', 'bench/b.bench.mjs', 'x.bench.js']);
  assert.deepEqual(findBenchFiles(['bench'], root), ['bench/a.bench.ts', 'bench/b.bench.mjs']);
  assert.deepEqual(findBenchFiles(['bench/*.ts', 'x.bench.js', 'bench/a.bench.ts'], root), ['bench/a.bench.ts', 'bench/notes.ts', 'x.bench.js']);
  assert.deepEqual(findBenchFiles(['dist/**/*.js'], root), ['dist/bench/a.bench.js']);
  assert.throws(() => findBenchFiles(['nothing/*.bench.ts'], root), { name: 'NoFilesError', message: "no benchmark files match 'nothing/*.bench.ts'" });
  assert.throws(() => findBenchFiles(['missing.bench.ts'], root), { name: 'NoFilesError' });
});

/** Opening and closing tags balance: a cheap well-formedness check without an XML parser. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const [, close, name, selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (selfClosing) continue;
    if (!close) stack.push(name!);
    else if (stack.pop() !== name) return false;
  }
  return stack.length === 0;
}

test('the box plot: one row per benchmark, escaped names, a labelled axis, log scale over wide ranges', () => {
  const row = (name: string, samples: number[]) => ({ name, samples, stats: computeStats(samples, 1) });
  const svg = renderBoxPlot([
    { group: 'a<b', rows: [row('fast & "quick"', [10_000, 11_000, 12_000, 13_000, 50_000])] },
    { group: null, rows: [row('slow', [5e6, 5.1e6, 5.2e6])] },
  ]);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(balanced(svg));
  assert.match(svg, />fast &amp; &quot;quick&quot;</);
  assert.match(svg, />a&lt;b</);
  assert.match(svg, /time per call \(µs, log scale\)/);
  assert.equal(svg.match(/<rect x=/g)?.length, 2); // one box per row
  assert.equal(svg.match(/<circle /g)?.length, 1); // 50 µs is beyond Q3 + 1.5 IQR
  const linear = renderBoxPlot([{ group: null, rows: [row('one', [100, 120, 140])] }]);
  assert.match(linear, /time per call \(ns\)/);
  assert.equal(escapeXml(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});
