// The dot exporter (gprof2dot's look: labels, colours, pruning), Graphviz's own `dot` as the
// independent reader (skipped where it is absent), the WebAssembly SVG, and names as text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { quote, writeDot } from '../src/export/dot.js';
import { arrowSize, heatColor, penWidth } from '../src/export/heat.js';
import { writeSvg } from '../src/export/svg.js';
import { EVIL, evilProfile, sampledTaylor, taylor } from './convert-fixtures.js';

const hasDot = spawnSync('dot', ['-V'], { encoding: 'utf8' }).status === 0;

function nodeLines(dot: string): string[] {
  return dot.split('\n').filter((line) => /^\t\d+ \[/.test(line));
}

function edgeLines(dot: string): string[] {
  return dot.split('\n').filter((line) => /^\t\d+ -> \d+ /.test(line));
}

test("heat colours, pen widths and arrow sizes are gprof2dot's (values from formats/gprof2dot.dot)", () => {
  const expected: Array<[number, string, string, string]> = [
    [1, '#ff0000', '4.00', '1.00'],
    [0.9911, '#fe0900', '3.96', '1.00'],
    [0.9861, '#fd0e00', '3.94', '0.99'],
    [0.6716, '#90ce07', '2.69', '0.82'],
    [0.6689, '#8dce07', '2.68', '0.82'],
    [0.328, '#0b9e70', '1.31', '0.57'],
    [0.3221, '#0b9d73', '1.29', '0.57'],
  ];
  for (const [weight, color, width, arrow] of expected) {
    assert.equal(heatColor(weight), color, `weight ${weight}`);
    assert.equal(penWidth(weight).toFixed(2), width);
    assert.equal(arrowSize(weight).toFixed(2), arrow);
  }
  assert.equal(heatColor(0), '#0d0d73'); // the cold end: dark blue
  assert.equal(heatColor(2), '#ff0000'); // shares are clamped
});

test('dot: a node per function with name, file:line, total %, (self %), calls; edges with % and count', () => {
  const dot = writeDot(taylor());
  assert.match(dot, /^digraph \{\n/);
  const factorial = nodeLines(dot).find((line) => line.includes('label="factorial'));
  assert.ok(factorial);
  assert.ok(factorial.includes('label="factorial\\nexamples/taylor.ts:1\\n99.01%\\n(99.01%)\\n188000×"'), factorial);
  assert.ok(factorial.includes('color="#fd0a00"'), factorial);
  const recursion = edgeLines(dot).find((line) => line.startsWith('\t4 -> 4 '));
  assert.ok(recursion?.includes('label="98.61%\\n187250×"'), recursion);
  assert.equal(nodeLines(dot).length, 4);
  assert.equal(edgeLines(dot).length, 5);
});

test('dot: node and edge thresholds prune, in percent of the total time', () => {
  const dot = writeDot(taylor(), { nodeThreshold: 50, edgeThreshold: 70 });
  assert.deepEqual(
    nodeLines(dot)
      .map((line) => line.split(' ')[0]!.trim())
      .sort(),
    ['1', '2', '4'],
  );
  assert.deepEqual(
    edgeLines(dot).map((line) => line.split(' [')[0]!.trim()),
    ['4 -> 4'],
  );
  assert.equal(nodeLines(writeDot(taylor(), { nodeThreshold: 0 })).length, 4);
});

test('dot: unknown counts are shown as lower bounds', () => {
  const dot = writeDot(sampledTaylor());
  assert.ok(
    nodeLines(dot).some((line) => line.includes('\\n≥1000×"')),
    dot,
  );
});

test('dot: names are quoted data: quotes, backslashes and entities escaped', () => {
  assert.equal(quote('a "b" \\N & <c>'), '"a \\"b\\" \\\\N &amp; <c>"');
  const dot = writeDot(evilProfile(), { nodeThreshold: 0, edgeThreshold: 0 });
  assert.ok(dot.includes(`label="${EVIL}\\n`));
  assert.ok(dot.includes('label="say \\"hi\\" \\\\N &amp;lt;b&amp;gt; &amp; done\\n'), dot);
  assert.ok(dot.includes('label="two lines\\n'));
});

test('Graphviz dot -Tsvg accepts the graph and writes names as text', { skip: !hasDot && 'Graphviz is not installed' }, () => {
  for (const profile of [taylor(), sampledTaylor()]) {
    const run = spawnSync('dot', ['-Tsvg'], { input: writeDot(profile), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, />factorial</);
  }
  const run = spawnSync('dot', ['-Tsvg'], { input: writeDot(evilProfile()), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assertNamesAreText(run.stdout);
});

test('svg: drawn by the WebAssembly Graphviz, names as text', async () => {
  const svg = await writeSvg(taylor());
  assert.match(svg, /<svg[\s\S]*<\/svg>\s*$/);
  assert.match(svg, />factorial</);
  assert.match(svg, />188000×</);
  assertNamesAreText(await writeSvg(evilProfile()));
});

function assertNamesAreText(svg: string): void {
  assert.ok(svg.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the markup name is shown as text');
  assert.ok(!svg.includes('<img'), 'no img element');
  assert.ok(!/<script/i.test(svg), 'no script element');
  assert.ok(svg.includes('say &quot;hi&quot; \\N &amp;lt;b&amp;gt; &amp; done'), 'entities stay text');
}
