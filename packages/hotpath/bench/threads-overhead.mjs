#!/usr/bin/env node
// The cost of profiling worker threads: overhead/pool.mjs (2 workers, 40 tiles) under plain
// `node` and under each capture, interleaved round by round (order rotated), medians
// compared as profile-overhead.mjs does. `command` includes starting the workers' captures,
// the parts they write when terminate() asks, and building the merged profile.
// Usage: node packages/hotpath/bench/threads-overhead.mjs [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CELLS_HEADER, cells, once } from './lib/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '../bin/hotpath.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 7;
const program = path.join(here, 'overhead', 'pool.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-overhead-'));
const out = path.join(dir, 'profile.json');

const variants = {
  node: [program],
  'profile (sample)': [bin, 'profile', '-o', out, program],
  'profile --mode trace': [bin, 'profile', '--mode', 'trace', '-o', out, program],
  'lines -f render': [bin, 'lines', '-f', 'render', '-o', out, program],
  'lines --mode trace': [bin, 'lines', '--mode', 'trace', '-f', 'render', '-o', out, program],
};

const names = Object.keys(variants);
const results = new Map(names.map((n) => [n, []]));
once(variants['profile (sample)']); // warm the disk
for (let round = 0; round < runs; round++) {
  for (const name of names.map((_, i) => names[(i + round) % names.length])) results.get(name).push(once(variants[name]));
}
rmSync(dir, { recursive: true, force: true });

console.log(`node ${process.version}, ${runs} runs each, medians (ratio to plain node)`);
console.log(`${'variant'.padEnd(22)} ${CELLS_HEADER}`);
for (const name of names) console.log(`${name.padEnd(22)} ${cells(results.get(name), results.get('node'))}`);
