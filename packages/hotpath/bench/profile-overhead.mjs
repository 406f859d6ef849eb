#!/usr/bin/env node
// The overhead of `hotpath profile` in sample mode, measured as the README reports it:
// each program runs once per process under plain `node` and under each way of profiling,
// interleaved round by round (order rotated), and the medians are compared.
//   wall, cpu: the wall and CPU time the program measures around its work (evolve(0.1) once,
//              as the chapter benchmark runs it; one taylor main()); CPU time is the whole
//              process's, the sampler's thread included, and steadier on a busy machine;
//   command:   the whole command, process start and the profile's writing included.
// Usage: node packages/hotpath/bench/profile-overhead.mjs [--runs N] [program.mjs ...]
// (programs print one JSON line `{ "wall": ns, "cpu": ns }`, like bench/overhead/*.mjs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CELLS_HEADER, cells, once } from './lib/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const bin = path.join(here, '../bin/hotpath.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 11;
const programs = args.length > 0 ? args : ['particles.mjs', 'taylor.mjs'].map((name) => path.join(here, 'overhead', name));
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-overhead-'));
const out = path.join(dir, 'profile.json');

const variants = {
  node: (program) => [program],
  'sample (default)': (program) => [bin, 'profile', '-o', out, program],
  'sample --counts coverage': (program) => [bin, 'profile', '--counts', 'coverage', '-o', out, program],
  'sample --counts none': (program) => [bin, 'profile', '--counts', 'none', '-o', out, program],
};

const names = Object.keys(variants);
const results = new Map(programs.flatMap((p) => names.map((n) => [`${p}\0${n}`, []])));
for (const program of programs) once(variants['sample (default)'](program)); // warm the TS cache and disk
for (let round = 0; round < runs; round++) {
  for (const program of programs) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) results.get(`${program}\0${name}`).push(once(variants[name](program)));
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`node ${process.version}, ${runs} runs each, medians (ratio to plain node)`);
console.log(`${'program'.padEnd(15)} ${'variant'.padEnd(26)} ${CELLS_HEADER}`);
for (const program of programs) {
  const base = results.get(`${program}\0node`);
  for (const name of names) {
    console.log(`${path.basename(program).padEnd(15)} ${name.padEnd(26)} ${cells(results.get(`${program}\0${name}`), base)}`);
  }
}
