// Profile -> report data: labels and units as the CLI shows them, sources inlined with their
// notes, the call tree cut down to a drawable size with exact widths, and the document's
// escaping of names that are markup.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { inclusiveTimes } from '../src/model/build.js';
import { escapeHtml, jsonForScript } from '../src/view/html.js';
import { renderViewHtml } from '../src/view/report.js';
import { aggregateTree } from '../src/view/tree-aggregate.js';
import { buildViewData, OTHER_NAME } from '../src/view/view-data.js';
import { makeFrame } from '../src/model/frames.js';
import { F, profileFromTree, taylorProfile, treeBuilder } from './fixtures.js';
import { largeProfile, TAYLOR_SOURCE, taylorViewProfile, XSS_NAME, xssProfile } from './view-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-view-data-'));

test('the Taylor report data: labels relative to the cwd, ms for a 47 ms profile, the source inlined', () => {
  const data = buildViewData(taylorViewProfile(dir), { profileFile: 't.json' });
  assert.equal(data.frames[F.factorial]!.label, 'examples/taylor.ts:1(factorial)');
  assert.equal(data.unit, 'ms');
  assert.equal(data.totalTime, 47_470_000);
  assert.equal(data.otherFrame, -1);
  assert.equal(data.tree!.parent.length, taylorProfile().tree!.length);
  assert.deepEqual(data.treeSummary, { nodes: 1004, shown: 1004, maxNodes: 20_000, otherNodes: 0, mergedNodes: 0, mergedTime: 0 });
  const source = data.sources[data.frames[F.factorial]!.source]!;
  assert.deepEqual(source, { file: 'examples/taylor.ts', text: TAYLOR_SOURCE, note: null });
  assert.equal(data.frames[F.root]!.source, -1); // (root) has no file
  assert.equal(data.lines, null);
  const factorial = data.functions.find((f) => f.frame === F.factorial)!;
  assert.deepEqual(factorial, { frame: F.factorial, calls: 188000, primitiveCalls: 750, self: 47_000_000, total: 47_000_000 });
});

test('a missing source file is noted, and a file changed after the profile is flagged', () => {
  const missing = buildViewData(taylorProfile()); // frames in /proj/examples/taylor.ts
  assert.match(missing.sources[0]!.note!, /examples\/taylor\.ts was not found when the report was written/);
  assert.equal(missing.sources[0]!.text, null);
  const profile = taylorViewProfile(dir);
  fs.utimesSync(profile.frames[F.factorial]!.file, new Date(), new Date());
  assert.match(buildViewData(profile).sources[0]!.note!, /changed after the profile was taken/);
});

test('aggregateTree keeps the largest nodes, merges the rest per parent and keeps every width exact', () => {
  const profile = largeProfile(20_000, 300);
  const { tree, summary } = aggregateTree(profile.tree!, 9999, 2_000);
  assert.ok(tree.parent.length <= 2_000, `${tree.parent.length} nodes`);
  assert.equal(summary.shown, tree.parent.length);
  assert.equal(summary.nodes, 20_000);
  assert.equal(summary.mergedNodes + summary.shown - summary.otherNodes, 20_000);
  const fullTotal = inclusiveTimes(profile.tree!);
  assert.equal(tree.total[0], fullTotal[0]);
  tree.parent.forEach((parent, i) => {
    if (parent < 0) return;
    assert.ok(parent < i, 'parents come before children');
    const childSum = tree.parent.reduce((sum, p, j) => (p === parent ? sum + tree.total[j]! : sum), 0);
    assert.equal(tree.self[parent]! + childSum, tree.total[parent], `node ${parent}: self + children = inclusive`);
  });
  const others = tree.frame.filter((frame) => frame === 9999).length;
  assert.equal(others, summary.otherNodes);
  assert.equal(
    tree.merged.reduce((a, b) => a + b, 0),
    summary.mergedNodes,
  );
});

test('a report of a 100,000-node tree draws at most 20,000 nodes and names the merged frame', () => {
  const data = buildViewData(largeProfile());
  assert.equal(data.treeSummary!.nodes, 100_000);
  assert.ok(data.tree!.parent.length <= 20_000);
  assert.ok(data.treeSummary!.otherNodes > 0);
  assert.equal(data.frames[data.otherFrame]!.name, OTHER_NAME);
});

test('JSON in the document cannot close its script element or open markup', () => {
  const json = jsonForScript({ name: '</script><img src=x onerror=alert(1)>&<!--\u2028' });
  assert.equal(json, '{"name":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u0026\\u003c!--\\u2028"}');
  assert.deepEqual(JSON.parse(json), { name: '</script><img src=x onerror=alert(1)>&<!--\u2028' });
  assert.equal(escapeHtml(`<b a="1">'&`), '&#60;b a=&#34;1&#34;&#62;&#39;&#38;');
});

test('names that are markup appear in the report only escaped', () => {
  const html = renderViewHtml(xssProfile(dir));
  assert.ok(!html.includes(XSS_NAME), 'the raw name is not in the document');
  assert.ok(!/<img|<svg|<b>|window\.__pwned=\d<\/script/i.test(html));
  assert.equal(html.match(/<script/g)!.length, 2, 'only the data element and the page script');
  assert.match(html, /<title>hotpath: &#60;b&#62;bold&#60;\/b&#62; &#60;script&#62;/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/);
});

test('folding that hides most of the calls says so and names the flag that shows them', () => {
  // main -> check (the program's own) -> a library walking a tree: 36,000 calls inside node_modules.
  const frames = [
    makeFrame('(root)', '', 0, 0),
    makeFrame('main', '/proj/app.ts', 1, 1),
    makeFrame('check', '/proj/app.ts', 5, 1),
    makeFrame('visit', '/proj/node_modules/lib/walk.js', 10, 1),
    makeFrame('visitChild', '/proj/node_modules/lib/walk.js', 20, 1),
  ];
  const { tree, add } = treeBuilder(0);
  const main = add(0, 1, 1, 1_000);
  const check = add(main, 2, 10, 1_000);
  const visit = add(check, 3, 10, 5_000);
  add(visit, 4, 36_000, 90_000);
  const folded = buildViewData(profileFromTree(frames, tree, { cwd: '/proj' }));
  const note = folded.notes.find((n) => n.startsWith('Folding hides most of the calls'));
  assert.equal(
    note,
    'Folding hides most of the calls: 21 function calls are shown of 36,021; the rest are calls inside <node_modules> or <node internals>, each one row here. hotpath view --show-node-modules shows them function by function.',
  );
  const shown = buildViewData(profileFromTree(frames, tree, { cwd: '/proj' }), { showNodeModules: true });
  assert.ok(!shown.notes.some((n) => n.startsWith('Folding hides')));
});

test('a file too large to inline whole still gives the source pane the lines of its functions', () => {
  const file = path.join(dir, 'big.js');
  const lines = Array.from({ length: 20_000 }, (_, i) => `  const line${i + 1} = ${i + 1};`);
  lines[4999] = 'function deep() {';
  fs.writeFileSync(file, lines.join('\n'));
  const frames = [makeFrame('(root)', '', 0, 0), makeFrame('deep', file, 5000, 1), makeFrame('top', file, 1, 1)];
  const { tree, add } = treeBuilder(0);
  add(add(0, 2, 1, 1_000), 1, 1, 5_000);
  const profile = profileFromTree(frames, tree, { cwd: dir, startTime: new Date(Date.now() + 60_000).toISOString() });
  const data = buildViewData(profile, { sourceLimits: { maxFileBytes: 100_000, maxTotalBytes: 1 << 20 } });
  const source = data.sources[data.frames[1]!.source]!;
  assert.equal(source.text, null);
  assert.match(source.note!, /^big\.js is too large to inline whole \(0\.\d MiB\): the first 120 lines of each function are$/);
  assert.deepEqual(
    source.excerpts!.map((e) => [e.start, e.text.split('\n').length]),
    [
      [1, 118],
      [4998, 120],
    ],
  );
  const deep = source.excerpts![1]!.text.split('\n');
  assert.equal(deep[2], 'function deep() {'); // line 5000
  assert.equal(deep[3], '  const line5001 = 5001;');
});
