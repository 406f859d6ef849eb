// `hotpath mprof plot -o FILE` by extension: a PNG that decodes (signature, IHDR, the inflated
// pixel rows) to the SVG's size with the runs' line colours in it; one clear line and exit 2
// for an extension it cannot write.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { inflateSync } from 'node:zlib';
import { plotFormatOf } from '../src/mprof/plot-file.js';
import { writeKnownRuns } from './mprof-fixtures.js';
import { hotpath, tempDir } from './profile-helpers.js';

interface Png {
  width: number;
  height: number;
  /** RGBA, row after row. */
  pixels: Uint8Array;
}

// The PNG filters (RFC 2083 6.6) undone on 8-bit RGBA rows.
function unfilter(data: Buffer, width: number, height: number): Uint8Array {
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][type];
      assert.ok(predictor !== undefined, `row ${y}: filter type ${type}`);
      out[y * stride + x] = (raw + predictor) & 0xff;
    }
  }
  return out;
}

function decodePng(bytes: Buffer): Png {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const idat: Buffer[] = [];
  let header: { width: number; height: number } | undefined;
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      assert.equal(at, 8, 'IHDR comes first');
      assert.equal(body[8], 8, 'bit depth');
      assert.equal(body[9], 6, 'colour type RGBA');
      assert.equal(body[12], 0, 'not interlaced');
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4) };
    }
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  assert.ok(header, 'an IHDR chunk');
  const data = inflateSync(Buffer.concat(idat));
  assert.equal(data.length, header.height * (1 + header.width * 4), 'one filter byte and width RGBA pixels a row');
  return { ...header, pixels: unfilter(data, header.width, header.height) };
}

function hasColour(png: Png, hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  for (let i = 0; i < png.pixels.length; i += 4) {
    if (png.pixels[i] === r && png.pixels[i + 1] === g && png.pixels[i + 2] === b) return true;
  }
  return false;
}

test('plot -o plot.png: a PNG of the SVG size, each run drawn in its colour', () => {
  const dir = tempDir();
  const [a, b] = writeKnownRuns(dir);
  const result = hotpath(['mprof', 'plot', a, b, '-o', 'plot.png'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const png = decodePng(fs.readFileSync(path.join(dir, 'plot.png')));
  assert.deepEqual([png.width, png.height], [800, 480]);
  assert.ok(hasColour(png, '#1f77b4'), "a.dat's line");
  assert.ok(hasColour(png, '#ff7f0e'), "b.dat's line");
  assert.ok(!hasColour(png, '#2ca02c'), 'no third run');
});

test('plot -o with an extension it cannot write: one line naming the file, exit 2, no file', () => {
  const dir = tempDir();
  const [a] = writeKnownRuns(dir);
  const result = hotpath(['mprof', 'plot', a, '-o', 'plot.jpg'], { cwd: dir });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'hotpath mprof: plot.jpg: unknown plot format (write .svg, .html or .png)\n');
  assert.deepEqual(fs.readdirSync(dir).sort(), ['a.dat', 'b.dat']);
});

test('the plot format is the extension, in any case; .htm is HTML', () => {
  assert.equal(plotFormatOf('out/plot.svg'), 'svg');
  assert.equal(plotFormatOf('Plot.HTML'), 'html');
  assert.equal(plotFormatOf('plot.htm'), 'html');
  assert.equal(plotFormatOf('plot.png'), 'png');
  assert.equal(plotFormatOf('plot.pdf'), null);
  assert.equal(plotFormatOf('png'), null);
  assert.equal(plotFormatOf('dir.png/plot'), null);
});
