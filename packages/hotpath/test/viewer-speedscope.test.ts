// hotpath's speedscope, .cpuprofile and pprof files opened in speedscope itself (the npm
// package's built app, from file://, in Debian's Chromium driven by playwright-core), loaded
// through its file picker, the way a user opens one; its Sandwich table (total and self per
// function) is compared with hotpath's numbers for a real trace of the Taylor example.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { CHROMIUM, CHROMIUM_ARGS, hotpath, profileExample, ROOT, tempDir, totalWithCollections } from './consumers.js';

const SPEEDSCOPE = pathToFileURL(path.join(ROOT, 'node_modules/speedscope/dist/release/index.html')).href;
const dir = tempDir('speedscope-viewer');
let browser: Browser;
let file: string;
let profile: Profile;

before(async () => {
  file = profileExample(dir, 'taylor.ts', 'trace');
  profile = loadProfileSync(file);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
});

const UNIT_NS: Record<string, number> = { ns: 1, µs: 1e3, ms: 1e6, s: 1e9 };

/** speedscope's Sandwich table of `profileFile`: total and self, ns, by symbol name. */
async function sandwich(profileFile: string): Promise<Map<string, { total: number; self: number; digit: number }>> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await page.goto(SPEEDSCOPE);
    await page.locator('input[type=file]').setInputFiles(profileFile);
    await page.getByText('Sandwich').click();
    await page.getByText('Symbol Name').waitFor();
    const text = await page.locator('body').innerText();
    const table = text.slice(text.indexOf('Symbol Name') + 'Symbol Name'.length);
    const rows = new Map<string, { total: number; self: number; digit: number }>();
    const time = (cell: string) => {
      const [, value, unit] = /^([\d.]+)(ns|µs|ms|s) \(/.exec(cell)!;
      return Number(value) * UNIT_NS[unit!]!;
    };
    // Half the last digit shown: `2.21ms` stands for 2.205 to 2.215 ms.
    const resolution = (cell: string) => {
      const [, value, unit] = /^([\d.]+)(ns|µs|ms|s) \(/.exec(cell)!;
      const decimals = value!.includes('.') ? value!.length - value!.indexOf('.') - 1 : 0;
      return (0.5 * UNIT_NS[unit!]!) / 10 ** decimals;
    };
    const cells = table
      .split('\n')
      .map((cell) => cell.trim())
      .filter(Boolean);
    for (let i = 0; i + 2 < cells.length && /^[\d.]+(ns|µs|ms|s) \(/.test(cells[i]!); i += 3) {
      rows.set(cells[i + 2]!, { total: time(cells[i]!), self: time(cells[i + 1]!), digit: Math.max(resolution(cells[i]!), resolution(cells[i + 1]!)) });
    }
    return rows;
  } finally {
    await page.close();
  }
}

// speedscope rounds what it shows (13.44ms, 2.21ms): within half its last digit (plus 1 ns for
// the float arithmetic), or 1 µs for the smallest.
function assertClose(shown: number, ns: number, digit: number, what: string): void {
  assert.ok(Math.abs(shown - ns) <= Math.max(digit + 1, 1000), `${what}: speedscope ${shown} ns, hotpath ${ns} ns`);
}

for (const [format, extension] of [
  ['speedscope', '.speedscope.json'],
  ['cpuprofile', '.cpuprofile'],
  ['pprof', '.pb.gz'],
] as const) {
  test(`speedscope's importer reads hotpath's ${format}: every function's total and self as hotpath has them`, { timeout: 120_000 }, async () => {
    const exported = path.join(dir, `taylor${extension}`);
    hotpath(dir, 'convert', file, '-o', exported);
    const rows = await sandwich(exported);
    assert.deepEqual([...rows.keys()].sort(), ['factorial', 'main', 'taylorExp', 'taylorSin']);
    for (const f of profile.functions) {
      const name = profile.frames[f.frame]!.name;
      const row = rows.get(name)!;
      assertClose(row.self, f.self, row.digit, `${name} self`);
      assertClose(row.total, f.total, row.digit, `${name} total`);
    }
  });
}

// A sample profile keeps its samples' order: its speedscope and .cpuprofile files are the real
// timeline (evented at the samples' times; samples and deltas), which speedscope must read to
// the same times per function (in a cpuprofile, speedscope puts each garbage collection on the
// stack before it, as DevTools does).
for (const [format, extension] of [
  ['speedscope', '.speedscope.json'],
  ['cpuprofile', '.cpuprofile'],
] as const) {
  test(`speedscope reads the timeline of a sample profile's ${format}: a, b and spin as hotpath has them`, { timeout: 120_000 }, async () => {
    const sampled = path.join(dir, 'ab.json');
    if (!existsSync(sampled)) hotpath(dir, 'profile', '-o', sampled, path.join(ROOT, 'packages/hotpath/test/fixtures/programs/a-then-b.cjs'));
    const ab = loadProfileSync(sampled);
    const exported = path.join(dir, `ab${extension}`);
    hotpath(dir, 'convert', sampled, '-o', exported);
    const rows = await sandwich(exported);
    for (const name of ['a', 'b', 'spin']) {
      const f = ab.functions.find((fn) => ab.frames[fn.frame]!.name === name)!;
      const row = rows.get(name)!;
      assert.ok(row, `${name} in speedscope's table`);
      assertClose(row.self, f.self, row.digit, `${name} self`);
      const total = format === 'cpuprofile' ? totalWithCollections(ab, name) : f.total;
      assertClose(row.total, total, row.digit, `${name} total`);
    }
  });
}
