// `particles bench --engine` and `--scale`, run as users run them. No assertion depends on
// how fast anything is: the README quotes real runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENGINES } from '../src/engines/index.js';
import type { EngineBenchReport, ScaleReport } from '../src/bench/engines.js';
import { nativeBuilds } from '../src/bench/native.js';

const BIN = fileURLToPath(new URL('../../bin/particles.js', import.meta.url));

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, 'bench', ...args], { encoding: 'utf8' });
}

test("bench --engine all: one row per engine and C++ build, every exact one with evolve's bits", () => {
  const run = bench('--engine', 'all', '--n', '51', '--dt', '0.001', '--rounds', '2', '--threads', '2', '--json');
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as EngineBenchReport;
  const codes = report.rows.map((row) => row.code);
  assert.deepEqual(codes, [...ENGINES, ...nativeBuilds().map((build) => build.code)]);
  assert.equal(report.steps, 100);
  for (const row of report.rows) {
    assert.equal(row.samplesNs.length, 2);
    assert.ok(row.nsPerStep! > 0, row.label);
    // Everything but -ffast-math does evolve's operations in evolve's order: same bits.
    if (!row.label.includes('fast-math')) assert.equal(row.checksumDifference, 0, row.label);
    else assert.ok(row.checksumDifference < 1e-12, `${row.label}: ${row.checksumDifference}`);
  }
  assert.equal(report.rows.find((row) => row.code === 'workers')!.threads, 2);
  assert.match(run.stderr, /bench: warming up wasm/);
});

test('bench --engine: the table names each engine and the reference row', () => {
  const run = bench('--engine', 'typed,wasm', '--n', '20', '--dt', '0.0005', '--rounds', '1', '--no-native');
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[0]!, /^particles bench --engine: 20 particles \(seed 42\) advanced by dt 0.0005 = 50 Euler steps/);
  assert.match(run.stdout, /^typed .* 1\.00x {2}reference$/m);
  assert.match(run.stdout, /^wasm .*x {2}same bits$/m);
  assert.doesNotMatch(run.stdout, /C\+\+|objects/);
});

test('bench --scale: each size does the same work and reports bytes per particle', () => {
  const run = bench('--scale', '--sizes', '500,200000', '--work', '200000', '--rounds', '1', '--engine', 'objects,typed,wasm', '--no-native', '--json');
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(run.stdout) as ScaleReport;
  assert.deepEqual(
    report.sizes.map((size) => [size.n, size.steps]),
    [
      [500, 400],
      [200000, 1],
    ],
  );
  const large = report.sizes[1]!;
  const bytes = Object.fromEntries(large.rows.map((row) => [row.code, row.bytesPerParticle!]));
  // typed: three Float64Arrays; wasm: whole 64 KiB pages; objects: a V8 object of three
  // doubles and its slot. The heap part is measured, so it may be off by what one young
  // collection leaves or takes (232 KiB once on a loaded machine: 1.16 bytes a particle here).
  const near = (value: number, expected: number): boolean => Math.abs(value - expected) < 2;
  assert.ok(near(bytes.typed!, 24) && near(bytes.wasm!, (74 * 65536) / 200000) && bytes.objects! > 48, JSON.stringify(bytes));
  const table = bench('--scale', '--sizes', '300', '--work', '3000', '--rounds', '1', '--engine', 'wasm', '--no-native');
  assert.equal(table.status, 0, table.stderr);
  // (at 300 particles the measured heap part is noise as large as the set, so it may be negative)
  assert.match(table.stdout, /^ +300 +10 +wasm .* 1\.00x +-?\d+\.\d\d$/m);
});

test('bench: bad engine options are one line and exit 2, before any work', () => {
  const cases: [string[], RegExp][] = [
    [['--engine', 'gpu'], /unknown engine 'gpu'; choose from all, objects, typed, wasm, workers/],
    [['--engine', 'workers', '--threads', '0'], /--threads must be an integer from 1 to 256/],
    [['--engine', 'workers', '--threads', '257'], /--threads must be an integer from 1 to 256/],
    [['--threads', '2'], /--threads needs --engine or --scale/],
    [['--engine', 'typed', '--threads', '2'], /--threads is for the workers engine/],
    [['--engine', 'all', '--method', 'evolve'], /--method .* cannot go with --engine or --scale/],
    [['--engine', 'wasm', '--n', '200000000'], /200000000 particles do not fit in WebAssembly memory/],
    [['--engine', 'typed', '--n', '9000000000000'], /9000000000000 particles need about .* GiB for typed; this machine has/],
    [['--scale', '--sizes', '10,0'], /--sizes must be positive integers, got '0'/],
  ];
  for (const [args, message] of cases) {
    const run = bench(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.equal(run.stdout, '');
  }
});
