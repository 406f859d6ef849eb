// `hotpath mprof plot -o plot.html` in Debian's Chromium: a page that loads nothing else, one
// line per run, each run's peak written out, and under the pointer each run's nearest sample.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './consumers.js';
import { writeKnownRuns } from './mprof-fixtures.js';
import { hotpath, tempDir } from './profile-helpers.js';

let browser: Browser;

/** Where in the page the plot draws time `t` (s), halfway up the plot. */
async function pointAt(page: Page, t: number): Promise<[number, number]> {
  return page.evaluate(`(() => {
    const data = JSON.parse(document.getElementById('mprof-data').textContent);
    const rect = document.querySelector('#plot svg').getBoundingClientRect();
    const x = data.pad.left + (${t} / data.maxT) * (data.width - data.pad.left - data.pad.right);
    return [rect.left + (x * rect.width) / data.width, rect.top + rect.height / 2];
  })()`);
}

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

test('plot -o plot.html: one path per run, the peaks, and hover readouts in seconds and MiB', async () => {
  const dir = tempDir();
  const [a, b] = writeKnownRuns(dir);
  const result = hotpath(['mprof', 'plot', a, b, '-o', 'plot.html'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    const url = pathToFileURL(path.join(dir, 'plot.html')).href;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    assert.deepEqual(requests, [url], 'self-contained');
    assert.deepEqual(await page.locator('#plot svg path.mem').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-file'))), [a, b]);
    assert.deepEqual(await page.locator('#peaks li').allTextContents(), [`${a}: peak 200.0 MiB at 1.00 s`, `${b}: peak 50.0 MiB at 0.00 s`]);
    // The pointer at 0.5 s on the time axis (the axes span 0..1 s, the longer run), then at
    // 0.82 s, past the end of b.dat's samples, where only a.dat reads out.
    await page.mouse.move(...(await pointAt(page, 0.5)));
    assert.deepEqual(await page.locator('#readout .sample').allTextContents(), [`${a}: 0.50 s, 150.0 MiB`, `${b}: 0.50 s, 50.0 MiB`]);
    await page.mouse.move(...(await pointAt(page, 0.82)));
    assert.deepEqual(await page.locator('#readout .sample').allTextContents(), [`${a}: 0.80 s, 180.0 MiB`]);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
