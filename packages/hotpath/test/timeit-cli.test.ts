// `hotpath timeit` through the real command line: Python's output, TypeScript setup with
// imports, and errors. Timings are never asserted, only the shape of the output.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));

function timeit(args: string[], cwd = process.cwd()) {
  return spawnSync(process.execPath, [BIN, 'timeit', ...args], { cwd, encoding: 'utf8' });
}

test('-n and -r: `N loops, best of R: X unit per loop`', () => {
  const result = timeit(['-n', '1000', '-r', '3', '-s', 'const xs = [3, 1, 2]', 'xs.slice().sort()']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^1000 loops, best of 3: \d+(\.\d+)? (nsec|usec) per loop\n$/);
});

test('without -n the number of loops is the first of 1, 2, 5, 10, ... taking 0.2 s', () => {
  const result = timeit(['-r', '2', '-v', 'const end = Date.now() + 50; while (Date.now() < end);']);
  assert.equal(result.status, 0, result.stderr);
  // 50 ms a loop (Date.now, to the millisecond): 1 and 2 loops are short of 0.2 s, 5 loops are not.
  assert.match(result.stdout, /^1 loop -> 0\.0\d+ secs\n2 loops -> 0\.\d+ secs\n5 loops -> 0\.\d+ secs\nraw times: .*\n\n5 loops, best of 2: [45]\d(\.\d+)? msec per loop\n$/);
});

test('TypeScript statement and setup, and a setup importing a .ts module relative to the working directory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-timeit-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(
    path.join(dir, 'taylor.ts'),
    'export function benchmark(n: number = 100): number {\n  let s: number = 0;\n  for (let i = 0; i < n; i++) s += Math.sin(i);\n  return s;\n}\n',
  );
  const result = timeit(['-n', '100', '-s', "import { benchmark } from './taylor.ts'", '-s', 'const n: number = 50', 'benchmark(n) as number'], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^100 loops, best of 5: /);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['package.json', 'taylor.ts'], 'the temporary module is gone');
});

test('a statement slow only the first time: the repeats disagree, and the warning says so', () => {
  const result = timeit(['-n', '1', '-r', '3', 'if (!globalThis.warm) { const e = Date.now() + 40; while (Date.now() < e); globalThis.warm = true; }']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /^The slowest run took [\d.]+ times longer than the fastest\. This could mean that an intermediate result is being cached\.$/m);
});

test('a statement costing nothing is flagged as at the loop overhead', () => {
  const result = timeit(['-n', '10000000', '-r', '3', '']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /Note: .* per loop is at the loop's own overhead/);
});

test('errors: bad syntax and misplaced imports exit 2; a throwing statement or a missing module exit 1', () => {
  const cases: Array<[string[], number, RegExp]> = [
    [['let x = ;'], 2, /^hotpath timeit: statement: Unexpected token/],
    [['-s', 'enum E { A }', 'E.A'], 2, /^hotpath timeit: setup: TypeScript that needs compiling/],
    [["import fs from 'node:fs'"], 2, /^hotpath timeit: statement: imports belong in the setup \(-s\)/],
    [['-n', '1', "throw new Error('boom')"], 1, /^hotpath timeit: Error: boom$/m],
    [['-s', "import { x } from './missing.js'", 'x'], 1, /Cannot find module .*missing\.js' imported from the setup/],
    [['-n', '0', '1'], 2, /--number must be an integer >= 1/],
  ];
  for (const [args, status, message] of cases) {
    const result = timeit(args);
    assert.equal(result.status, status, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
});

test("-p: the process's CPU time, so a statement that waits 50 ms costs almost nothing", () => {
  const wait = ['-n', '1', '-r', '3', '-s', 'const cell = new Int32Array(new SharedArrayBuffer(4))', 'Atomics.wait(cell, 0, 0, 50)'];
  const wall = timeit(wait);
  const cpu = timeit(['-p', ...wait]);
  assert.equal(wall.status, 0, wall.stderr);
  assert.equal(cpu.status, 0, cpu.stderr);
  const seconds = (line: string) => {
    const [, value, unit] = /best of 3: ([\d.]+) (nsec|usec|msec|sec) per loop/.exec(line)!;
    return Number(value) * { nsec: 1e-9, usec: 1e-6, msec: 1e-3, sec: 1 }[unit as 'sec'];
  };
  assert.ok(seconds(wall.stdout) >= 0.05, wall.stdout);
  assert.ok(seconds(cpu.stdout) < 0.01, `a sleeping thread uses no CPU: ${cpu.stdout}`);
});
