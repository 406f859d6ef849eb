// Unit tests of the animated view's parts: settings, trails, playback, drawing, server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { ParticleSimulator, demoParticles, randomParticles } from '../src/index.js';
import { DEFAULT_CONFIG, configFromQuery, parseCount, parseMethod, parseSeed } from '../src/view/config.js';
import { AXIS, BACKGROUND, LABEL, drawScene, particleColor, sceneInks } from '../src/view/draw.js';
import { shadePalette } from '../src/view/gif.js';
import { Playback } from '../src/view/playback.js';
import { Raster } from '../src/view/raster.js';
import { requestPath, startViewServer } from '../src/view/server.js';
import { Trails } from '../src/view/trails.js';

test('counts, seeds and methods parse strictly, with messages naming the setting', () => {
  assert.equal(parseCount('250'), 250);
  assert.equal(parseSeed('-7'), -7);
  assert.equal(parseMethod('evolveExact'), 'evolveExact');
  for (const bad of ['', 'abc', '1e3', '0x10', '2.5', '0', '10001']) {
    assert.throws(() => parseCount(bad), /^RangeError: n must be an integer from 1 to 10000/);
  }
  assert.throws(() => parseSeed('9007199254740993'), /seed must be an integer/);
  assert.throws(() => parseMethod('evolveSlow'), /method must be one of evolve, evolveFast, evolveExact/);
});

test('query parameters override the server defaults one by one', () => {
  const defaults = { n: 5, seed: 3, method: 'evolveFast' as const };
  assert.deepEqual(configFromQuery(new URLSearchParams(''), defaults), defaults);
  assert.deepEqual(configFromQuery(new URLSearchParams('seed=9&method=evolve'), defaults), {
    n: 5,
    seed: 9,
    method: 'evolve',
  });
  assert.throws(() => configFromQuery(new URLSearchParams('n=-1'), DEFAULT_CONFIG), /n must be/);
});

test('trails keep the last positions, oldest first, across the ring wrap-around', () => {
  const trails = new Trails(2, 3);
  for (let k = 1; k <= 5; k++)
    trails.record([
      { x: k, y: -k },
      { x: 10 * k, y: 0 },
    ]);
  assert.equal(trails.length, 3);
  assert.deepEqual(trails.slice(0, 0, 3), [3, -3, 4, -4, 5, -5]);
  assert.deepEqual(trails.slice(1, 1, 9), [40, 0, 50, 0]);
  trails.clear();
  assert.deepEqual(trails.slice(0, 0, 3), []);
});

test('a playback frame is one advance(method, 0.01) call, bit for bit', () => {
  for (const method of ['evolve', 'evolveFast', 'evolveExact'] as const) {
    const playback = new Playback({ n: 12, seed: 5, method });
    playback.step(30);
    const sim = new ParticleSimulator(randomParticles(12, 5));
    for (let i = 0; i < 30; i++) sim.advance(method, 0.01);
    assert.deepEqual(
      playback.positions(),
      sim.particles.map((p) => ({ x: p.x, y: p.y })),
    );
    assert.equal(playback.time, 0.3);
  }
});

test('reset returns to frame 0 and the starting positions', () => {
  const playback = new Playback(DEFAULT_CONFIG);
  playback.step(7);
  assert.ok(playback.radiusDrift() > 0, 'Euler steps drift outwards');
  playback.reset();
  assert.equal(playback.frame, 0);
  assert.deepEqual(
    playback.positions(),
    demoParticles().map((p) => ({ x: p.x, y: p.y })),
  );
  assert.equal(playback.radiusDrift(), 0);
});

test('drawScene paints background, axes, labels and each particle in its colour', () => {
  const raster = new Raster(200, 200);
  const particles = [
    { x: 0.5, y: 0.5 },
    { x: -0.5, y: -0.5 },
  ];
  drawScene(raster, { particles, trails: null, time: 0, extent: 1 });
  // extent 1 on 200 px: world (x, y) sits at pixel (100 + 100x, 100 - 100y).
  assert.deepEqual(raster.pixel(150, 50), particleColor(0));
  assert.deepEqual(raster.pixel(50, 150), particleColor(1));
  assert.deepEqual(raster.pixel(199, 199), BACKGROUND);
  // The x axis runs along y = 100, between two pixel rows: each gets half of it.
  assert.deepEqual(raster.pixel(140, 100), mix(BACKGROUND, AXIS, 0.5));
  const labelPixels = countPixels(raster, LABEL);
  assert.ok(labelPixels > 20, `time and axis labels drawn (${labelPixels} pixels)`);
});

test('trails are drawn fading behind the particle', () => {
  const playback = new Playback(DEFAULT_CONFIG);
  playback.step(40);
  const withTrails = new Raster(120, 120);
  drawScene(withTrails, playback.scene(true));
  const without = new Raster(120, 120);
  drawScene(without, playback.scene(false));
  const differing = countDiffering(withTrails, without);
  assert.ok(differing > 50, `trails change ${differing} pixels`);
});

test('the GIF palette holds the background and shades of every ink, at most 255 colours', () => {
  for (const count of [3, 100]) {
    const palette = shadePalette(sceneInks(count));
    assert.ok(palette.length <= 255, `${palette.length} colours`);
    assert.deepEqual(palette[0], [...BACKGROUND]);
    for (const ink of sceneInks(count)) assert.ok(palette.some((c) => c.every((v, i) => v === ink[i])));
  }
});

test('requestPath refuses traversal, backslashes, NUL and bad encoding', () => {
  assert.equal(requestPath('/src/index.js?x=1'), '/src/index.js');
  for (const bad of ['/src/../package.json', '/src/%2e%2e/x.js', '/./index.html', '/src\\x.js', '/a%00.js', '/%E0%A4%A', 'index.html']) {
    assert.equal(requestPath(bad), null, bad);
  }
});

test('the server serves the page, its scripts and the library, and nothing else', async () => {
  const server = await startViewServer(0, { n: 4, seed: 2, method: 'evolveExact' });
  try {
    const page = await get(server.port, '/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(page.body, /<script id="view-config" type="application\/json">\{"n":4,"seed":2,"method":"evolveExact"\}<\/script>/);
    for (const path of ['/web/app.js', '/src/index.js', '/src/view/draw.js']) {
      const script = await get(server.port, path);
      assert.equal(script.status, 200, path);
      assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8', path);
    }
    assert.equal((await get(server.port, '/src/cli/main.js')).status, 404, 'the CLI is not served');
    assert.equal((await get(server.port, '/package.json')).status, 404);
    assert.equal((await get(server.port, '/src/../../package.json')).status, 400);
    assert.equal((await get(server.port, '/web/%2E%2E/%2E%2E/package.json')).status, 400);
    assert.equal((await get(server.port, '/', 'POST')).status, 405);
    const head = await get(server.port, '/web/app.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
  } finally {
    await server.close();
  }
});

/** A raw request: unlike fetch(), node:http sends `..` segments as written. */
function get(port: number, path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function mix(from: readonly number[], to: readonly number[], amount: number): number[] {
  // Rounded as the raster's Uint8ClampedArray stores it.
  return from.map((v, i) => Math.round(v + (to[i]! - v) * amount));
}

function countPixels(raster: Raster, color: readonly number[]): number {
  let count = 0;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if (raster.pixel(x, y).every((v, i) => v === color[i])) count++;
    }
  }
  return count;
}

function countDiffering(a: Raster, b: Raster): number {
  let count = 0;
  for (let i = 0; i < a.rgba.length; i += 4) {
    if (a.rgba[i] !== b.rgba[i] || a.rgba[i + 1] !== b.rgba[i + 1] || a.rgba[i + 2] !== b.rgba[i + 2]) count++;
  }
  return count;
}
