// The report at scale, in Debian's Chromium at 1400 px: a profile of 2,000 functions whose
// names are 60 characters long, in deep paths. Every row of the table is reachable by
// scrolling, and in every row the function name is shown whole (the path gives way).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { callGraphFromTree } from '../src/model/build.js';
import type { Profile } from '../src/model/profile.js';
import { renderViewHtml } from '../src/view/report.js';
import { makeFrame } from '../src/model/frames.js';
import { CHROMIUM, CHROMIUM_ARGS, tempDir } from './consumers.js';
import { profileFromTree, treeBuilder } from './fixtures.js';
import { largeProfile } from './view-fixtures.js';

const FUNCTIONS = 2_000;
const dir = tempDir('view-scale');
let browser: Browser;

/**
 * {@link largeProfile} with 60-character names (`...Collector.reportUnusedIdentifier000042`) in
 * deep paths, and one function, the last, whose only (and heavy) node is 70 calls deep.
 */
function longNames(): Profile {
  const base = largeProfile(8_000, FUNCTIONS);
  const tree = [...base.tree!];
  let parent = 0;
  for (let depth = 1; depth <= 70; depth++) {
    const frame = depth === 70 ? FUNCTIONS : 1 + (depth % 50);
    parent = tree.push({ id: tree.length, parent, frame, calls: 1, self: depth === 70 ? 50_000_000 : 1_000 }) - 1;
  }
  const profile = { ...base, tree, ...callGraphFromTree(tree, base.frames.length) };
  profile.frames = profile.frames.map((frame, i) => {
    if (i === 0) return frame;
    const name = `TypeCheckerDiagnosticsCollector.reportUnusedIdentifier${String(i).padStart(6, '0')}`;
    assert.equal(name.length, 60);
    const file = `/proj/packages/compiler/src/checker/diagnostics/unused/identifiers/module${i % 20}.ts`;
    return { ...frame, name, file };
  });
  return profile;
}

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

// In the page: scrolls the table from top to bottom a screen at a time; returns how many
// functions' rows were rendered on the way, and the rows whose function name was cut.
const SCROLL_THROUGH_TABLE = String.raw`(async () => {
  const scroller = document.getElementById('table-body');
  const frames = new Set();
  const cut = [];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  for (let top = 0; ; top += scroller.clientHeight) {
    scroller.scrollTop = top;
    await frame();
    for (const row of scroller.querySelectorAll('tbody tr')) {
      frames.add(row.dataset.frame);
      const cell = row.querySelector('td.name');
      const name = cell.querySelector('.fn');
      const whole = name.scrollWidth <= name.clientWidth && name.getBoundingClientRect().right <= cell.getBoundingClientRect().right + 0.5;
      if (!whole) cut.push(cell.title);
    }
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
  }
  return { frames: frames.size, cut: cut.slice(0, 5), cutCount: cut.length, count: document.getElementById('table-count').textContent };
})()`;

test('hotpath view of 2,000 functions at 1400 px: every row reachable, every 60-character name whole', { timeout: 120_000 }, async () => {
  const report = path.join(dir, 'long-names.html');
  const profile = longNames();
  const functions = profile.functions.length; // the random tree reaches nearly all 2,000
  assert.ok(functions > 1_900);
  writeFileSync(report, renderViewHtml(profile));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(pathToFileURL(report).href);
    await page.waitForFunction(() => 'hotpathView' in globalThis, null, { timeout: 60_000 });
    const seen = (await page.evaluate(SCROLL_THROUGH_TABLE)) as { frames: number; cut: string[]; cutCount: number; count: string };
    assert.equal(seen.count, `${functions.toLocaleString('en-US')} functions`);
    assert.equal(seen.frames, functions, 'rows reached by scrolling');
    assert.deepEqual({ cut: seen.cutCount, examples: seen.cut }, { cut: 0, examples: [] });
    // A selection made elsewhere scrolls the table to the function's row.
    const last = await page.evaluate(`(async () => {
      const api = window.hotpathView;
      api.select(api.frameOf('TypeCheckerDiagnosticsCollector.reportUnusedIdentifier000007'));
      await new Promise((r) => requestAnimationFrame(r));
      return document.querySelector('#stats-table tr[aria-selected=true] .fn')?.textContent ?? null;
    })()`);
    assert.equal(last, '(TypeCheckerDiagnosticsCollector.reportUnusedIdentifier000007)');
    // Selecting functions one after another: the flame graph shows each one's widest node,
    // and keeps its root (the top row) in view whenever that node fits below it.
    const flame = (await page.evaluate(`(() => {
      const api = window.hotpathView;
      const scroller = document.getElementById('flame-body');
      const canvas = document.getElementById('flame-canvas');
      const out = { fits: 0, deep: 0, wrong: [] };
      for (const i of [1, ${FUNCTIONS}, 8, 15, ${FUNCTIONS}, 22, 29, 36, 43]) {
        const frame = api.frameOf('TypeCheckerDiagnosticsCollector.reportUnusedIdentifier' + String(i).padStart(6, '0'));
        if (frame < 0) continue;
        api.select(frame);
        const rect = api.flameNodeRect(frame);
        if (!rect) continue;
        const top = rect.y - canvas.getBoundingClientRect().top;
        const inView = top >= scroller.scrollTop && top + rect.height <= scroller.scrollTop + scroller.clientHeight;
        if (top + rect.height < scroller.clientHeight) {
          out.fits++;
          if (scroller.scrollTop !== 0) out.wrong.push(i + ': root scrolled away');
        } else out.deep++;
        if (!inView) out.wrong.push(i + ': node not in view');
      }
      return out;
    })()`)) as { fits: number; deep: number; wrong: string[] };
    assert.deepEqual(flame.wrong, []);
    assert.ok(flame.fits > 0 && flame.deep > 0, `${flame.fits} shallow, ${flame.deep} deep selections`);
  } finally {
    await page.close();
  }
});

test('the source pane of a function in a 2 MiB file shows its lines, numbered as in the file', { timeout: 60_000 }, async () => {
  const file = path.join(dir, 'bundle.js');
  const lines = Array.from({ length: 40_000 }, (_, i) => `  var generated_line_${i + 1} = ${i + 1}; // padding to make a large file`);
  lines[29_999] = 'function checkSourceElementWorker(node) {';
  writeFileSync(file, lines.join('\n'));
  const frames = [makeFrame('(root)', '', 0, 0), makeFrame('checkSourceElementWorker', file, 30_000, 1)];
  const { tree, add } = treeBuilder(0);
  add(0, 1, 1, 1_000_000);
  const report = path.join(dir, 'bundle.html');
  writeFileSync(report, renderViewHtml(profileFromTree(frames, tree, { cwd: dir, startTime: new Date(Date.now() + 60_000).toISOString() })));
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.goto(pathToFileURL(report).href);
    await page.waitForFunction(() => 'hotpathView' in globalThis, null, { timeout: 60_000 });
    await page.evaluate(`window.hotpathView.select(window.hotpathView.frameOf('checkSourceElementWorker'))`);
    const start = await page.locator('#source-table tr.fn-start td').allTextContents();
    assert.deepEqual([start[0], start.at(-1)], ['30000', 'function checkSourceElementWorker(node) {']);
    assert.equal(await page.locator('#source-table tbody tr').count(), 120);
    assert.match((await page.textContent('#source-status'))!, /bundle\.js is too large to inline whole \(2\.\d MiB\): the first 120 lines of each function are/);
  } finally {
    await page.close();
  }
});
