// End to end: reports written by `hotpath view`, opened from disk (file://) in Debian's
// Chromium driven by playwright-core (no downloaded browser), with no network and no server.
// The Taylor report is of a profile recorded by `hotpath profile --mode trace`, so the whole
// path from a program to the page is exercised; the other reports are of built profiles.
//
// HOTPATH_VIEW_SCREENSHOT=docs/view.png also saves the README's screenshot of the Taylor report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderViewHtml } from '../src/view/report.js';
import type { ViewApi } from '../src/view/page/api.js';
import { CHROMIUM, CHROMIUM_ARGS } from './consumers.js';
import { largeProfile, taylorViewProfile, XSS_NAME, XSS_SCRIPT, xssProfile } from './view-fixtures.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/hotpath/bin/hotpath.js');
// On CI a missing browser is a failure (.ci/run installs it); elsewhere the test says why it skips.
const skip = !existsSync(CHROMIUM) && process.env['CI'] === undefined ? `no Chromium at ${CHROMIUM}: apt-get install chromium` : false;

const dir = mkdtempSync(path.join(os.tmpdir(), 'hotpath-view-browser-'));

/** Runs `fn(window.hotpathView, arg)` in the page (the page's API, typed here). */
function inPage<T, A = null>(page: Page, fn: (api: ViewApi, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.hotpathView, ${JSON.stringify(arg ?? null)})`) as Promise<T>;
}

function hotpath(cwd: string, ...args: string[]): void {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `hotpath ${args.join(' ')}: ${run.stderr}`);
}

function writeReport(name: string, html: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, html);
  return file;
}

describe('hotpath view in Chromium', { skip, timeout: 240_000 }, () => {
  let browser: Browser;
  let taylorReport: string;

  before(async () => {
    hotpath(ROOT, 'profile', '--mode', 'trace', '-o', path.join(dir, 'taylor.json'), 'examples/taylor.ts');
    hotpath(dir, 'view', 'taylor.json'); // writes taylor.html beside it
    taylorReport = path.join(dir, 'taylor.html');
    // A fresh temporary user-data directory per launch is playwright's default.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
  });

  test('the Taylor report: factorial on top; clicking it focuses every view on it', async () => {
    await withPage(browser, taylorReport, async (page) => {
      const first = page.locator('#stats-table tbody tr').first();
      assert.equal(await first.locator('td.name').textContent(), 'examples/taylor.ts:5(factorial)');
      assert.equal(await first.locator('td').first().textContent(), '188000/750');
      const factorial = await inPage(page, (api) => api.frameOf('factorial'));
      await first.click();
      assert.equal(await inPage(page, (api) => api.selected()), factorial);
      assert.equal(await page.textContent('#selection-name'), 'factorial');
      assert.equal(await first.getAttribute('aria-selected'), 'true');
      // The flame graph paints factorial's nodes (one per recursion depth under each caller: 500 + 500).
      const flame = (await inPage(page, (api) => api.flame()))!;
      assert.ok(flame.highlighted >= 500, `${flame.highlighted} factorial nodes highlighted`);
      assert.match((await page.textContent('#flame-status'))!, /factorial: 1,000 nodes in the tree/);
      // The call graph: its callers with the calls along each edge, and its one callee.
      assert.deepEqual(await graphSide(page, 'caller'), [
        ['factorial', '187250/749'],
        ['taylorExp', '500'],
        ['taylorSin', '250'],
      ]);
      assert.deepEqual(await graphSide(page, 'callee'), [['factorial', '187250/749']]);
      assert.match((await page.textContent('#graph-status'))!, /factorial: 188000\/750 calls/);
      // The source, scrolled to the function, and the callee map of factorial.
      const start = page.locator('#source-table tr.fn-start');
      assert.equal(await start.getAttribute('data-line'), '5');
      assert.equal(await start.locator('td.code').textContent(), 'function factorial(n: number): number {');
      assert.ok(await start.isVisible());
      assert.match((await page.textContent('#source-status'))!, /no line data in this profile/);
      const map = await inPage(page, (api) => api.calleeMap());
      assert.equal(map.rootFrame, factorial);
      assert.ok(map.drawn > 1);
      if (process.env['HOTPATH_VIEW_SCREENSHOT']) await screenshot(page, path.resolve(ROOT, process.env['HOTPATH_VIEW_SCREENSHOT']));
    });
  });

  test('clicks in the flame graph, the call graph and the callee map select and zoom', async () => {
    await withPage(browser, taylorReport, async (page) => {
      const [main, taylorSin, factorial, taylorExp] = await inPage(page, (api) => ['main', 'taylorSin', 'factorial', 'taylorExp'].map((n) => api.frameOf(n)));
      await page.locator('#flame-canvas').scrollIntoViewIfNeeded(); // below the wide table
      const box = (await inPage(page, (api, frame) => api.flameNodeRect(frame), taylorSin))!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      assert.equal(await inPage(page, (api) => api.selected()), taylorSin);
      assert.equal((await inPage(page, (api) => api.flame()))!.zoomFrame, taylorSin);
      assert.equal(await page.locator('#stats-table tr[aria-selected=true] td.name').textContent(), 'examples/taylor.ts:15(taylorSin)');
      assert.equal(await page.getAttribute('#callgraph g.center', 'data-frame'), String(taylorSin));
      await page.click('#flame-reset');
      assert.equal((await inPage(page, (api) => api.flame()))!.zoomNode, 0);
      await page.click(`#callgraph g.callee[data-frame="${factorial}"]`);
      assert.equal(await inPage(page, (api) => api.selected()), factorial);
      // The callee map of main: its heaviest callee, taylorExp, starts at the top left.
      await inPage(page, (api, frame) => api.select(frame), main);
      await page.locator('#callee-canvas').click({ position: { x: 12, y: 24 } });
      assert.equal(await inPage(page, (api) => api.selected()), taylorExp);
    });
  });

  test('the table sorts by a clicked header, filters, changes unit; the flame graph searches', async () => {
    await withPage(browser, taylorReport, async (page) => {
      const names = (): Promise<string[]> => page.locator('#stats-table tbody td.name').allTextContents();
      await page.click('#stats-table th[data-key=cumtime] button');
      assert.match((await names())[0]!, /\(main\)$/);
      assert.equal(await page.getAttribute('#stats-table th[data-key=cumtime]', 'aria-sort'), 'descending');
      await page.click('#stats-table th[data-key=cumtime] button');
      assert.equal(await page.getAttribute('#stats-table th[data-key=cumtime]', 'aria-sort'), 'ascending');
      assert.match((await names())[0]!, /\(taylorSin\)$/);
      await page.fill('#table-filter', 'SIN');
      await page.locator('#stats-table tbody tr').nth(1).waitFor({ state: 'detached' }); // filtering runs on the next frame
      assert.equal(await page.locator('#stats-table tbody tr').count(), 1);
      assert.equal(await page.textContent('#table-count'), '1 of 4 functions');
      await page.fill('#table-filter', '');
      await page.selectOption('#table-unit', 'us');
      await page.click('#stats-table th[data-key=tottime] button');
      assert.match((await page.locator('#stats-table tbody tr').first().locator('td').nth(1).textContent())!, /^\d{4,}\.\d{3}$/); // ms of factorial, in µs
      await page.fill('#flame-search', 'factorial');
      const flame = (await inPage(page, (api) => api.flame()))!;
      assert.ok(flame.matched >= 500, `${flame.matched} nodes match`);
      assert.match((await page.textContent('#flame-status'))!, /'factorial' matches \d+\.\d% of the time/);
    });
  });

  test('a bytes profile: header, table and flame graph in bytes, durations still times', async () => {
    const profile = { ...taylorViewProfile(dir), unit: 'bytes' as const, measure: 'allocated' };
    const report = writeReport('bytes.html', renderViewHtml(profile));
    await withPage(browser, report, async (page) => {
      const header = (await page.textContent('body'))!;
      assert.match(header, /function calls \(\d+ primitive\) in [\d.]+ (KiB|MiB|B)/);
      const tools = (await page.textContent('#table-tools'))!;
      assert.match(tools, /in bytes \(allocated\)/);
      assert.doesNotMatch(tools, /times in/);
      const first = page.locator('#stats-table tbody tr').first();
      assert.match((await first.locator('td').nth(1).textContent())!, /^\d+$/, 'whole bytes, no decimals');
      await inPage(page, (api) => api.select(api.frameOf('factorial')));
      // The call graph's and the callee map's words for the selected function.
      const text = (await page.textContent('body'))!;
      assert.match(text, /\d (B|KiB|MiB) (self|total|inclusive)/);
      assert.doesNotMatch(text, /\d (ms|µs|ns) (self|total|inclusive)/);
    });
  });

  test('per-line stats show as line_profiler columns with heat', async () => {
    const report = writeReport('lines.html', renderViewHtml(taylorViewProfile(dir, { lines: true })));
    await withPage(browser, report, async (page) => {
      await inPage(page, (api) => api.select(api.frameOf('factorial')));
      const headers = await page.locator('#source-table th').allTextContents();
      assert.deepEqual(headers, ['Line #', 'Hits', 'Time', 'Per Hit', '% Time', 'Line Contents']);
      const line2 = await page.locator('#source-table tr[data-line="2"] td').allTextContents();
      assert.deepEqual(line2.slice(0, 5), ['2', '188,000', '38.0 ms', '202 ns', '80.9%']);
      const hot = await page.evaluate(`getComputedStyle(document.querySelector('#source-table tr[data-line="2"] td.code')).backgroundColor`);
      assert.equal(hot, 'rgb(196, 46, 46)', 'the hottest line has the hottest colour');
      assert.match((await page.textContent('#source-status'))!, /line times include the calls made on the line/);
    });
  });

  test('names, files, source and command that are markup show as text and run nothing', async () => {
    const report = writeReport('xss.html', renderViewHtml(xssProfile(dir)));
    await withPage(browser, report, async (page) => {
      for (const name of [XSS_NAME, XSS_SCRIPT]) {
        await inPage(page, (api, n) => api.select(api.frameOf(n)), name);
        assert.equal(await page.textContent('#selection-name'), name);
        assert.ok((await page.locator('#stats-table td.name').allTextContents()).some((label) => label.endsWith(`(${name})`)));
      }
      assert.ok((await page.locator('#callgraph title').allTextContents()).some((title) => title.includes(XSS_NAME)));
      assert.match((await page.textContent('#source-table'))!, /return '<\/script><img src=x onerror="window.__pwned=4">';/);
      assert.equal(await page.title(), 'hotpath: <b>bold</b> <script>window.__pwned=5</script>');
      const found = {
        pwned: await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned ?? null),
        markup: await page.locator('img, b, foreignObject, iframe, object').count(),
        scripts: await page.locator('script').count(),
      };
      assert.deepEqual(found, { pwned: null, markup: 0, scripts: 2 });
    });
  });

  test('the time-order view of a sample profile of a() then b(): a left of b, hover names it, click selects and zooms', async () => {
    const program = path.join(ROOT, 'packages/hotpath/test/fixtures/programs/a-then-b.cjs');
    hotpath(dir, 'profile', '-o', 'ab.json', program);
    hotpath(dir, 'view', 'ab.json');
    await withPage(browser, path.join(dir, 'ab.html'), async (page) => {
      const [a, b] = await inPage(page, (api) => [api.frameOf('a'), api.frameOf('b')]);
      const state = (await inPage(page, (api) => api.timeOrder()))!;
      assert.equal(state.lanes, 1);
      assert.ok(state.drawn > 0 && state.from === 0 && state.to === state.end);
      await page.locator('#timeorder-canvas').scrollIntoViewIfNeeded();
      const rectA = (await inPage(page, (api, frame) => api.timeOrderRect(frame), a))!;
      const rectB = (await inPage(page, (api, frame) => api.timeOrderRect(frame), b))!;
      assert.ok(rectA.y === rectB.y, 'a and b are on one row: both called by the module');
      assert.ok(rectA.x + rectA.width <= rectB.x + 1, `a at ${rectA.x} (${rectA.width} px wide), b at ${rectB.x}`);
      await page.mouse.move(rectA.x + rectA.width / 2, rectA.y + rectA.height / 2);
      const tip = (await page.locator('.tooltip').innerText()).split('\n');
      assert.equal(tip[0], 'a');
      assert.match(tip[1]!, /a-then-b\.cjs:10$/);
      assert.match(tip[2]!, /^[\d.]+ ms, from [\d.]+ [mµ]?s to [\d.]+ ms$/);
      await page.mouse.click(rectA.x + rectA.width / 2, rectA.y + rectA.height / 2);
      assert.equal(await inPage(page, (api) => api.selected()), a);
      const zoomed = (await inPage(page, (api) => api.timeOrder()))!;
      assert.ok(zoomed.highlighted > 0 && zoomed.to - zoomed.from < state.end / 1.5, `zoomed to ${zoomed.from}..${zoomed.to} of ${state.end}`);
      await page.click('#timeorder-reset');
      assert.equal((await inPage(page, (api) => api.timeOrder()))!.to, state.end);
    });
  });

  test('a trace profile keeps no order: no time-order view', async () => {
    await withPage(browser, taylorReport, async (page) => {
      assert.equal(await inPage(page, (api) => api.timeOrder()), null);
      assert.equal(await page.locator('#timeorder-panel').count(), 0);
    });
  });

  test('a profile without a call tree says so and shows the graph views', async () => {
    const profile = taylorViewProfile(dir);
    delete profile.tree;
    const report = writeReport('no-tree.html', renderViewHtml(profile));
    await withPage(browser, report, async (page) => {
      assert.equal(await inPage(page, (api) => api.flame()), null);
      assert.match((await page.textContent('#flame-body'))!, /This profile has no call tree/);
      assert.match((await page.textContent('#notes'))!, /the callee map is estimated from the edges/);
      await page.locator('#stats-table tbody tr').first().click();
      assert.deepEqual(await graphSide(page, 'caller'), [
        ['factorial', '187250/749'],
        ['taylorExp', '500'],
        ['taylorSin', '250'],
      ]);
      await inPage(page, (api) => api.select(api.frameOf('main')));
      assert.ok((await inPage(page, (api) => api.calleeMap())).drawn >= 3, 'main, taylorExp, taylorSin at least');
      assert.match((await page.textContent('#callee-status'))!, /estimated from caller -> callee edges/);
    });
  });

  test('a 100,000-node profile renders within seconds, merged and saying so, and stays responsive', async () => {
    const built = Date.now();
    const html = renderViewHtml(largeProfile());
    const writeMs = Date.now() - built;
    const report = writeReport('large.html', html);
    await withPage(browser, report, async (page, loadMs) => {
      const renderMs = await inPage(page, (api) => api.renderMs);
      const flame = (await inPage(page, (api) => api.flame()))!;
      assert.ok(flame.drawn <= 20_000, `${flame.drawn} nodes drawn`);
      assert.match(
        (await page.textContent('#notes'))!,
        /The call tree has 100,000 nodes\. To stay responsive, the flame graph and the callee map draw the [\d,]+ largest and merge the other [\d,]+/,
      );
      // A selection redraws every view synchronously: time it inside the page.
      const selectMs = await inPage(page, (api) => {
        const started = performance.now();
        api.select(api.frameOf('fn1'));
        return performance.now() - started;
      });
      const sizeMiB = Buffer.byteLength(html) / (1 << 20);
      const timings = `report ${writeMs} ms (${sizeMiB.toFixed(1)} MiB), load ${loadMs} ms, first render ${renderMs.toFixed(0)} ms, select ${selectMs.toFixed(0)} ms`;
      console.log(`# large profile: ${timings}`);
      // Generous bounds for a 2-core CI machine; locally these are several times smaller.
      assert.ok(renderMs < 5_000 && loadMs < 20_000 && selectMs < 1_500, timings);
      assert.ok(sizeMiB < 16, timings);
    });
  });
});

/**
 * Opens `file` from disk in a fresh page, waits for the report to be drawn, runs `check`,
 * then asserts that nothing went wrong on the way: no console error, no uncaught exception,
 * no request at all besides the file itself (the report must not reach for the network).
 */
async function withPage(browser: Browser, file: string, check: (page: Page, loadMs: number) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (request.url() !== url) problems.push(`request: ${request.url()}`);
  });
  try {
    const started = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => 'hotpathView' in globalThis, null, { timeout: 60_000 });
    await check(page, Date.now() - started);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

/** The boxes of one side of the call graph as [name, calls], in drawing order. */
function graphSide(page: Page, side: 'caller' | 'callee'): Promise<string[][]> {
  return page.locator(`#callgraph g.${side}`).evaluateAll((groups) => groups.map((g) => [g.querySelector('text.name')!.textContent!, g.getAttribute('data-calls')!]).sort());
}

/** The README's screenshot: the whole page at a readable width. */
async function screenshot(page: Page, file: string): Promise<void> {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.screenshot({ path: file, fullPage: true });
}
