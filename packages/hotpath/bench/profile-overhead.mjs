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
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function once(argv) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const command = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed: ${run.stderr}`);
  const { wall, cpu } = JSON.parse(run.stdout.split('\n')[0]);
  return { wall: wall / 1e6, cpu: cpu / 1e6, command };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
console.log(`${'program'.padEnd(15)} ${'variant'.padEnd(26)} ${'wall'.padEnd(17)} ${'cpu'.padEnd(17)} command`);
for (const program of programs) {
  const base = results.get(`${program}\0node`);
  for (const name of names) {
    const rows = results.get(`${program}\0${name}`);
    const cell = (key) => {
      const ms = median(rows.map((r) => r[key]));
      return `${ms.toFixed(1).padStart(7)} ms ${(ms / median(base.map((r) => r[key]))).toFixed(2)}x`;
    };
    console.log(`${path.basename(program).padEnd(15)} ${name.padEnd(26)} ${cell('wall')} ${cell('cpu')} ${cell('command')}`);
  }
}
