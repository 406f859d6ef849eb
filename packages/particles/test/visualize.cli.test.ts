// `particles visualize` as a user runs it: usage errors, the GIF file, the server's life.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This file runs as dist/test/visualize.cli.test.js; the CLI shim is bin/particles.js. */
const CLI = fileURLToPath(new URL('../../bin/particles.js', import.meta.url));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'visualize', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BAD_OPTIONS: [string[], RegExp][] = [
  [['--n', 'abc'], /argument 'abc' is invalid\. n must be an integer from 1 to 10000/],
  [['--n', '0'], /n must be an integer from 1 to 10000, got '0'/],
  [['--n', '3', '--seed', '1.5'], /seed must be an integer/],
  [['--seed', '4'], /--seed needs --n/],
  [['--port', '65536'], /port must be an integer from 0 to 65535/],
  [['--port', 'http'], /port must be an integer/],
  [['--method', 'evolveSlow'], /Allowed choices are evolve, evolveFast, evolveExact/],
  [['--frames', '10'], /--frames applies only with --out/],
  [['--out', 'x.gif', '--open'], /--open does not apply with --out/],
  [['--out', 'x.gif', '--size', '10'], /size must be an integer from 64 to 2048/],
  [['--bogus'], /unknown option '--bogus'/],
];

for (const [args, message] of BAD_OPTIONS) {
  test(`visualize ${args.join(' ')}: exit 2 with a one-line error`, () => {
    const { status, stdout, stderr } = run(...args);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^error: [^\n]+\n$/, `one line: ${JSON.stringify(stderr)}`);
    assert.match(stderr, message);
  });
}

test('--out writes an animated GIF89a of the asked frames and size, replacing the file atomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'particles-gif-'));
  try {
    const out = join(dir, 'demo.gif');
    writeFileSync(out, 'old contents');
    // A second name for the old file: an in-place overwrite would change it too, a rename does not.
    linkSync(out, join(dir, 'old.gif'));
    const { status, stdout, stderr } = run('--out', out, '--frames', '12', '--size', '96');
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^wrote .*demo\.gif: 12 frames, 96x96 px, \d+ KiB\n$/);
    assert.match(stderr, /rendering: 12\/12 frames/);
    const gif = parseGif(readFileSync(out));
    assert.deepEqual({ width: gif.width, height: gif.height, frames: gif.frames.length }, { width: 96, height: 96, frames: 12 });
    assert.ok(gif.loops, 'NETSCAPE2.0 loop extension');
    assert.ok(gif.frames.every((f) => f.width === 96 && f.height === 96 && f.delayCs === 2));
    assert.equal(readFileSync(join(dir, 'old.gif'), 'utf8'), 'old contents');
    assert.deepEqual(readdirSync(dir).sort(), ['demo.gif', 'old.gif'], 'no temporary file left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out into a missing directory fails at once with one line, exit 1', () => {
  const { status, stderr } = run('--out', '/nonexistent-dir/demo.gif');
  assert.equal(status, 1);
  assert.match(stderr, /^particles visualize: cannot write \/nonexistent-dir\/demo\.gif: directory \/nonexistent-dir does not exist or is not writable\n$/);
});

test('the server prints its URL, serves the page, and stops cleanly on SIGINT', { timeout: 20_000 }, async () => {
  const server = startCli('--port', '0');
  const url = await firstLine(server);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<canvas id="scene"/);
  server.kill('SIGINT');
  const [code] = await exited(server);
  assert.equal(code, 0);
  await assert.rejects(fetch(url), 'nothing listens any more');
});

test('a port in use is a one-line error, exit 1', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const { status, stderr } = run('--port', String(port));
    assert.equal(status, 1);
    assert.equal(stderr, `particles visualize: port ${port} is already in use on 127.0.0.1\n`);
  } finally {
    blocker.close();
  }
});

test('--open without a browser opener says so and keeps serving', { timeout: 20_000 }, async () => {
  // An empty PATH: xdg-open (or open) cannot be found.
  const server = startCli('--port', '0', '--open', { PATH: '' });
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await firstLine(server);
  while (!stderr.includes('could not open a browser')) await new Promise((r) => setTimeout(r, 20));
  assert.match(stderr, /could not open a browser \((xdg-)?open not found\); open http:\/\/127\.0\.0\.1:\d+\/ yourself/);
  assert.equal((await fetch(url)).status, 200);
  server.kill('SIGINT');
  assert.equal((await exited(server))[0], 0);
});

function startCli(...args: (string | Record<string, string>)[]): ChildProcessWithoutNullStreams {
  const env = args.find((a): a is Record<string, string> => typeof a !== 'string') ?? {};
  const flags = args.filter((a): a is string => typeof a === 'string');
  return spawn(process.execPath, [CLI, 'visualize', ...flags], { env: { ...process.env, ...env } });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<[number | null, NodeJS.Signals | null]> {
  if (child.exitCode !== null) return Promise.resolve([child.exitCode, null]);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
}

interface GifFrame {
  width: number;
  height: number;
  delayCs: number;
}

/** Walks a GIF's blocks (header, screen, colour table, extensions, images) per the GIF89a spec. */
function parseGif(bytes: Buffer): {
  width: number;
  height: number;
  loops: boolean;
  frames: GifFrame[];
} {
  assert.equal(bytes.toString('latin1', 0, 6), 'GIF89a');
  const width = bytes.readUInt16LE(6);
  const height = bytes.readUInt16LE(8);
  let at = 13 + colorTableBytes(bytes[10]!);
  let loops = false;
  let delayCs = -1;
  const frames: GifFrame[] = [];
  const skipSubBlocks = (): void => {
    while (bytes[at]! !== 0) at += bytes[at]! + 1;
    at += 1;
  };
  for (;;) {
    const block = bytes[at]!;
    if (block === 0x3b) break; // trailer
    if (block === 0x21) {
      const label = bytes[at + 1]!;
      if (label === 0xf9) delayCs = bytes.readUInt16LE(at + 4);
      if (label === 0xff && bytes.toString('latin1', at + 3, at + 14) === 'NETSCAPE2.0') loops = true;
      at += 2;
      skipSubBlocks();
    } else if (block === 0x2c) {
      frames.push({
        width: bytes.readUInt16LE(at + 5),
        height: bytes.readUInt16LE(at + 7),
        delayCs,
      });
      at += 10 + colorTableBytes(bytes[at + 9]!) + 1; // descriptor, local table, LZW code size
      skipSubBlocks();
    } else {
      assert.fail(`unexpected GIF block 0x${block.toString(16)} at byte ${at}`);
    }
  }
  assert.equal(at, bytes.length - 1, 'the trailer ends the file');
  return { width, height, loops, frames };
}

function colorTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0;
}
