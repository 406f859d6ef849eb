// End to end: the real `particles visualize` server, its page in Debian's Chromium (driven by
// playwright-core, no downloaded browser), and the page's positions checked against the
// library run here in Node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { METHODS, ParticleSimulator, demoParticles, randomParticles, type Method, type Particle } from '../src/index.js';

const CLI = fileURLToPath(new URL('../../bin/particles.js', import.meta.url));
const CHROMIUM = process.env['PARTICLES_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
// On CI a missing browser is a failure (.ci/run installs it); elsewhere the test says why it skips.
const skip = !existsSync(CHROMIUM) && process.env['CI'] === undefined ? `no Chromium at ${CHROMIUM}: apt-get install chromium` : false;

/** 50 frames of 0.01: half a time unit. */
const FRAMES = 50;

describe('particles visualize in Chromium', { skip, timeout: 120_000 }, () => {
  let server: ChildProcessWithoutNullStreams;
  let url: string;
  let browser: Browser;

  before(async () => {
    server = spawn(process.execPath, [CLI, 'visualize', '--port', '0']);
    url = await firstLine(server);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    if (server?.exitCode === null) {
      const stopped = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await stopped;
    }
  });

  test('the page loads without console errors and the particles move', async () => {
    await withPage(browser, url, async (page) => {
      const start = await page.evaluate(() => ({
        frame: window.particlesView!.frame,
        positions: window.particlesView!.positions(),
      }));
      const picture = await canvasPicture(page);
      await page.waitForFunction((from) => window.particlesView!.frame >= from + 10, start.frame);
      const later = await page.evaluate(() => window.particlesView!.positions());
      later.forEach((p, i) => assert.notDeepEqual(p, start.positions[i], `particle ${i} moved`));
      assert.notEqual(await canvasPicture(page), picture, 'the canvas was redrawn');
      assert.equal(await page.textContent('#title'), 'particles: demo (3 particles)');
    });
  });

  for (const method of METHODS) {
    const exact = method !== 'evolveExact';
    test(`after ${FRAMES} frames of ${method}, the demo's positions equal the library's${exact ? ' bit for bit' : ' to 1e-13'}`, async () => {
      await withPage(browser, `${url}?method=${method}`, async (page) => {
        const shown = await stepped(page, FRAMES);
        assert.equal(shown.method, method);
        assert.equal(shown.time, 0.5);
        const expected = simulated(demoParticles(), method, FRAMES);
        if (exact) {
          // The Euler methods use only + - * / and sqrt, which IEEE 754 rounds exactly:
          // the same code gives the same bits in any engine.
          assert.deepEqual(shown.positions, expected);
        } else {
          // evolveExact calls Math.atan2, cos and sin, which IEEE 754 leaves to the engine:
          // Chromium's V8 and Node 20's V8 disagree in the last bit for a few percent of
          // inputs, so 50 frames may differ by a few ulps (about 1e-15), never more.
          assertClose(shown.positions, expected, 1e-13);
        }
      });
    });
  }

  test('a random set from ?n=&seed= matches randomParticles advanced in Node', async () => {
    await withPage(browser, `${url}?n=40&seed=7&method=evolveFast`, async (page) => {
      const shown = await stepped(page, FRAMES);
      assert.equal(shown.positions.length, 40);
      assert.deepEqual(shown.positions, simulated(randomParticles(40, 7), 'evolveFast', FRAMES));
    });
  });

  for (const engine of ['typed', 'wasm']) {
    test(`the ${engine} engine in the page: ${FRAMES} frames of 41 particles equal evolve in Node bit for bit`, async () => {
      await withPage(browser, `${url}?n=41&seed=3&paused=1`, async (page) => {
        await page.evaluate((name) => window.particlesView!.setEngine(name), engine);
        const shown = await stepped(page, FRAMES);
        assert.equal(await page.evaluate(() => window.particlesView!.engine), engine);
        assert.equal(shown.positions.length, 41);
        assert.deepEqual(shown.positions, simulated(randomParticles(41, 3), 'evolve', FRAMES));
        assert.match((await page.textContent('#status')) ?? '', new RegExp(`evolve on ${engine}`));
      });
    });
  }

  test('the engine menu moves the running animation onto wasm and back', async () => {
    await withPage(browser, `${url}?paused=1`, async (page) => {
      await page.click('#step');
      const before = await page.evaluate(() => window.particlesView!.positions());
      await page.selectOption('#engine', 'wasm');
      await page.waitForFunction(() => window.particlesView!.engine === 'wasm');
      assert.equal(await page.isDisabled('#method'), true);
      await page.click('#step');
      // frame 2 on wasm equals two frames of evolve from the start
      const after = await page.evaluate(() => window.particlesView!.positions());
      assert.notDeepEqual(after, before);
      assert.deepEqual(after, simulated(demoParticles(), 'evolve', 2));
      await page.selectOption('#engine', 'objects');
      await page.waitForFunction(() => window.particlesView!.engine === 'objects');
      assert.equal(await page.isDisabled('#method'), false);
    });
  });

  test('the controls pause, step, switch the method and reset', async () => {
    await withPage(browser, `${url}?paused=1`, async (page) => {
      assert.equal(await page.evaluate(() => window.particlesView!.playing), false);
      assert.equal(await page.textContent('#play'), 'play');
      await page.click('#step');
      await page.click('#step');
      assert.equal(await page.evaluate(() => window.particlesView!.frame), 2);
      await page.selectOption('#method', 'evolveExact');
      assert.equal(await page.evaluate(() => window.particlesView!.method), 'evolveExact');
      await page.click('#reset');
      assert.equal(await page.evaluate(() => window.particlesView!.frame), 0);
      assert.match((await page.textContent('#status')) ?? '', /t = 0\.00 +frame 0 +evolveExact/);
      await page.click('#play');
      await page.waitForFunction(() => window.particlesView!.frame > 5);
    });
  });

  test('a bad query parameter is shown on the page, not thrown', async () => {
    await withPage(
      browser,
      `${url}?n=many`,
      async (page) => {
        await page.waitForSelector('#error:not([hidden])');
        assert.match((await page.textContent('#error')) ?? '', /n must be an integer from 1 to 10000, got 'many'/);
      },
      { expectView: false },
    );
  });
});

/**
 * Opens `address` in a fresh page, runs `check`, then asserts that nothing went wrong on
 * the way: no console error, no uncaught exception, no failed or refused request.
 */
async function withPage(browser: Browser, address: string, check: (page: Page) => Promise<void>, { expectView = true } = {}): Promise<void> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  try {
    await page.goto(address);
    if (expectView) await page.waitForFunction(() => window.particlesView !== undefined);
    await check(page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

/** Pauses the page, resets it to frame 0, advances `frames` frames and reads the result. */
function stepped(page: Page, frames: number): Promise<{ method: string; time: number; positions: { x: number; y: number }[] }> {
  return page.evaluate((count) => {
    const view = window.particlesView!;
    view.pause();
    view.reset();
    view.step(count);
    return { method: view.method, time: view.time, positions: view.positions() };
  }, frames);
}

function assertClose(actual: { x: number; y: number }[], expected: { x: number; y: number }[], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((p, i) => {
    const error = Math.max(Math.abs(p.x - expected[i]!.x), Math.abs(p.y - expected[i]!.y));
    assert.ok(error <= tolerance, `particle ${i} is off by ${error}: ${JSON.stringify(p)} vs ${JSON.stringify(expected[i])}`);
  });
}

/** The same frames in Node: `frames` calls of advance(method, 0.01) on the library. */
function simulated(particles: Particle[], method: Method, frames: number): { x: number; y: number }[] {
  const sim = new ParticleSimulator(particles);
  for (let i = 0; i < frames; i++) sim.advance(method, 0.01);
  return sim.particles.map((p) => ({ x: p.x, y: p.y }));
}

function canvasPicture(page: Page): Promise<string> {
  return page.evaluate(() => (document.getElementById('scene') as HTMLCanvasElement).toDataURL());
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before printing its URL`)));
  });
}
