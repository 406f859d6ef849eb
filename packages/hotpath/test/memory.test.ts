// `hotpath memory`: memory_profiler's per-line table, through the real CLI, on lines that
// allocate known amounts (fixtures/memory/allocate.ts): a Float64Array of 10^6 elements, 100,000
// small objects kept alive, and a line that makes only garbage.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { REGISTER_MODULE } from '../src/bench/typescript.js';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { FIXTURES, hotpath, tempDir } from './profile-helpers.js';

const DIR = path.join(FIXTURES, 'memory');
const MIB = 2 ** 20;

/** The table's rows by line number: `{ usage, increment, occurrences }` in MiB (null where blank). */
function rows(table: string): Map<number, { usage: number; increment: number; occurrences: number; contents: string }> {
  const out = new Map<number, { usage: number; increment: number; occurrences: number; contents: string }>();
  for (const line of table.split('\n')) {
    const m = /^ {0,5}(\d+) +(-?[\d.]+) MiB +(-?[\d.]+) MiB +(\d+) {3}(.*)$/.exec(line);
    if (m) out.set(Number(m[1]), { usage: Number(m[2]), increment: Number(m[3]), occurrences: Number(m[4]), contents: m[5]! });
  }
  return out;
}

function lineOf(file: string, text: string): number {
  return (
    fs
      .readFileSync(path.join(DIR, file), 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

/** What the kept objects retain, measured apart with full collections (node --expose-gc). */
function retainedByKept(): number {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', REGISTER_MODULE.href, 'allocate.ts', '--retained'], { cwd: DIR, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return Number(run.stdout) / MIB;
}

test("memory_profiler's layout, and each line's Increment within 10% of what it retains, Occurrences exact", () => {
  const run = hotpath(['memory', '-f', 'allocate', 'allocate.ts'], { cwd: DIR });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^3660000\nNote: memory: V8's heap in use plus external memory .*\n\nFilename: allocate\.ts\n\n/);
  assert.match(run.stdout, /\nLine # {4}Mem usage {4}Increment {2}Occurrences {3}Line Contents\n={61}\n/);
  const table = rows(run.stdout);
  const big = table.get(lineOf('allocate.ts', 'new Float64Array'))!;
  const kept = table.get(lineOf('allocate.ts', 'kept.push'))!;
  const garbage = table.get(lineOf('allocate.ts', 'new Array(64)'))!;
  // 10^6 doubles: 7.63 MiB, in the typed array's backing store (external memory).
  assert.ok(Math.abs(big.increment - 8e6 / MIB) <= 0.1 * (8e6 / MIB), `Float64Array line: ${big.increment} MiB`);
  const retained = retainedByKept();
  assert.ok(Math.abs(kept.increment - retained) <= 0.1 * retained, `kept objects: ${kept.increment} MiB, retained ${retained.toFixed(3)} MiB`);
  // 40,000 arrays of 64 numbers (about 20 MiB) made and dropped: nothing kept.
  assert.ok(Math.abs(garbage.increment) <= 0.5, `garbage line: ${garbage.increment} MiB`);
  assert.deepEqual([big.occurrences, kept.occurrences, garbage.occurrences], [1, 100_000, 40_000]);
  // Mem usage: the process's memory after the line, which holds the typed array from then on.
  assert.ok(kept.usage - big.usage >= kept.increment - 0.5, `${big.usage} then ${kept.usage} MiB`);
  assert.equal(table.get(lineOf('allocate.ts', 'export function allocate'))!.occurrences, 1);
});

test('@profile marks pick the functions, as memory_profiler reads its decorator', () => {
  const run = hotpath(['memory', '--precision', '1', 'marked.ts'], { cwd: DIR });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^1000 10000\n/);
  const table = rows(run.stdout);
  assert.equal(table.get(lineOf('marked.ts', 'this.items.push'))!.occurrences, 1000);
  assert.equal(table.get(lineOf('marked.ts', 'out.push(i * 0.5)'))!.occurrences, 10_000);
  assert.match(run.stdout, /^ +9 +\d+\.\d MiB +\d\.\d MiB +1000 {3}/m, 'one decimal');
  assert.equal(run.stdout.match(/^Filename: marked\.ts$/gm)?.length, 2);
});

test('-o saves a profile in bytes that --show prints again; --backend rss reads resident memory', () => {
  const out = path.join(tempDir(), 'memory.json');
  const run = hotpath(['memory', '--backend', 'rss', '-f', 'allocate', '-o', out, 'allocate.ts'], { cwd: DIR });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Note: memory: the process's resident memory \(RSS/);
  const profile: Profile = loadProfileSync(out);
  assert.equal(profile.unit, 'bytes');
  const row = profile.lines!.find((l) => l.line === lineOf('allocate.ts', 'new Float64Array'))!;
  // Filled, so its pages are resident: about 7.6 MiB of RSS, in pages.
  assert.ok(row.time > 7 * MIB && row.time < 9 * MIB, `${row.time} bytes`);
  assert.ok(row.memory! > row.time);
  const shown = hotpath(['memory', '--show', out], { cwd: DIR });
  assert.equal(shown.status, 0, shown.stderr);
  assert.equal(shown.stdout, run.stdout.slice(run.stdout.indexOf('Note:')));
});

test('a program that throws still prints the table of what ran, with its exit code', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'throws.ts'), 'function work(): void {\n  const a = new Float64Array(1e5);\n  throw new Error(`boom ${a.length}`);\n}\nwork();\n');
  const run = hotpath(['memory', '-f', 'work', 'throws.ts'], { cwd: dir });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /Error: boom 100000/);
  assert.equal(rows(run.stdout).get(2)!.occurrences, 1);
  assert.equal(rows(run.stdout).get(3)!.occurrences, 1);
});

test('bad input: a function that matches nothing, a file with no memory lines, a bad backend: one line, exit 2', () => {
  const none = hotpath(['memory', '-f', 'nothing', 'allocate.ts'], { cwd: DIR });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /^hotpath memory: no function matched 'nothing' \(functions: allocate, retainedByKept\)\n$/);
  const dir = tempDir();
  const timed = path.join(dir, 'lines.json');
  assert.equal(hotpath(['lines', '-f', 'allocate', '-o', timed, 'allocate.ts'], { cwd: DIR }).status, 0);
  const notMemory = hotpath(['memory', '--show', timed]);
  assert.equal(notMemory.status, 2);
  assert.match(notMemory.stderr, /holds no memory line stats/);
  const backend = hotpath(['memory', '--backend', 'gpu', '-f', 'allocate', 'allocate.ts'], { cwd: DIR });
  assert.equal(backend.status, 2);
  assert.match(backend.stderr, /^hotpath memory: option '--backend <memory>' argument 'gpu' is invalid/);
  const help = hotpath(['memory', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /memory_profiler for TypeScript/);
});

test("memoryProfile(fn): the memory of a module function's lines during one call, in this process", async () => {
  const { memoryProfile, renderMemoryTable } = await import('../src/index.js');
  const { grow } = (await import(pathToFileURL(path.join(DIR, 'grow.mjs')).href)) as { grow: (n: number) => Float64Array };
  const { result, profile } = await memoryProfile(() => grow(200_000), { functions: [grow] });
  assert.equal(result.length, 200_000);
  assert.equal(profile.unit, 'bytes');
  const [made, loop] = [3, 4].map((line) => profile.lines!.find((l) => l.line === line)!);
  assert.deepEqual([made!.hits, loop!.hits], [1, 200_000]);
  // 200,000 doubles: 1.6 MB of backing store.
  assert.ok(Math.abs(made!.time - 1.6e6) <= 0.1 * 1.6e6, `${made!.time} bytes`);
  assert.match(renderMemoryTable(profile), /Filename: .*grow\.mjs\n/);
  // Put back: the function runs unmeasured afterwards, and can be measured again.
  assert.doesNotMatch(grow.toString(), /__hpl/);
  assert.equal(grow(3).length, 3);
  // A call that throws rejects with its error.
  await assert.rejects(
    memoryProfile(() => grow(-1), { functions: [grow] }),
    RangeError,
  );
});

// Programs nobody here wrote, from the corpus (test/corpus/): TypeScript in tsc's CommonJS
// layout with legacy decorators, enums and tsconfig paths; a .tsx React render; a piscina pool
// whose picked function runs only in worker threads. Their output is theirs, and the picked
// function's table is on its TypeScript (or worker module's) lines.
for (const [workload, fn, file] of [
  ['ts-app', 'priceLine', 'src/pricing/engine.ts'],
  ['react-ssr', 'ProductRow', 'render.tsx'],
  ['worker-pool', 'renderRow', 'render.mjs'],
] as const) {
  test(`the corpus's ${workload}: its output as under node, ${fn}'s lines in ${file}`, () => {
    const dir = path.join(FIXTURES, '..', 'corpus', workload);
    const spec = JSON.parse(fs.readFileSync(path.join(dir, 'workload.json'), 'utf8')) as { script: string; expect: { exitCode: number; stdout: string } };
    const run = hotpath(['memory', '-f', fn, spec.script], { cwd: dir });
    assert.equal(run.status, spec.expect.exitCode, run.stderr);
    const programOutput = run.stdout.slice(0, run.stdout.indexOf('Note: '));
    assert.match(programOutput, new RegExp(spec.expect.stdout));
    assert.match(run.stdout, new RegExp(`\\nFilename: ${file.replace('.', '\\.')}\\n`));
    const table = rows(run.stdout);
    const own = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    assert.ok(table.size >= 3, run.stdout);
    for (const [line, row] of table) assert.equal(row.contents, own[line - 1], `${file}:${line}`);
  });
}
