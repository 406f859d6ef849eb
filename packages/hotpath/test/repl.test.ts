// `hotpath repl`: TypeScript at the prompt, imports of .ts modules, top-level await in piped
// sessions, IPython's magics, completion and history. Timings are never asserted, only the
// shape of the output and the exact call counts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseMagicArguments } from '../src/repl/arguments.js';
import { completeMagic } from '../src/repl/complete.js';
import { formatTimespan } from '../src/repl/format-time.js';
import { rewriteImports } from '../src/repl/input.js';
import { MAGICS } from '../src/repl/magics.js';
import { startRepl } from '../src/repl/session.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));

function moduleDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-repl-'));
  fs.writeFileSync(path.join(dir, 'sim.ts'), 'export enum Color { Red, Green }\n' + 'export function fib(n: number): number {\n  return n < 2 ? n : fib(n - 1) + fib(n - 2);\n}\n');
  return dir;
}

function session(lines: string[], cwd = moduleDir()) {
  return spawnSync(process.execPath, [BIN, 'repl'], { cwd, input: `${lines.join('\n')}\n`, encoding: 'utf8', timeout: 60_000 });
}

test('piped: TypeScript, an enum, import of a .ts module, and a line after `await` sees its value', () => {
  const result = session([
    "import { fib, Color } from './sim.ts'",
    'const n: number = 10',
    'fib(n) as number',
    'Color.Green',
    'enum Local { A = 7 }',
    'Local.A',
    'const late = await new Promise<string>((resolve) => setTimeout(() => resolve("arrived"), 150))',
    'late',
  ]);
  assert.equal(result.status, 0, result.stderr);
  const values = result.stdout
    .split(/> /)
    .map((s) => s.trim())
    .filter(Boolean);
  assert.deepEqual(values, ['55', '1', '7', "'arrived'"]);
});

test("%timeit -n -r and %%timeit with setup print IPython's line", () => {
  const result = session(["import { fib } from './sim.ts'", '%timeit -n 20 -r 3 fib(12)', '%%timeit -n 5 -r 2 const k: number = 8', 'fib(k)', '']);
  assert.equal(result.status, 0, result.stderr);
  const time = '\\d+(\\.\\d+)? (s|ms|µs|ns)';
  assert.match(result.stdout, new RegExp(`${time} ± ${time} per loop \\(mean ± std\\. dev\\. of 3 runs, 20 loops each\\)\n`));
  assert.match(result.stdout, new RegExp(`${time} ± ${time} per loop \\(mean ± std\\. dev\\. of 2 runs, 5 loops each\\)\n`));
});

test('%time runs once, prints CPU and wall time, and keeps what it declares', () => {
  const result = session(["import { fib } from './sim.ts'", '%time const f20 = fib(20)', 'f20 + 1']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /CPU times: user \S+ \S+, sys: \S+ \S+, total: \S+ \S+\nWall time: \S+ \S+\n/);
  assert.match(result.stdout, /> 6766\n/);
});

test('%prun prints the pstats table with exact counts, sorted and limited, and -D saves the profile', () => {
  const dir = moduleDir();
  const result = session(["import { fib } from './sim.ts'", '%prun -s ncalls -l 3 -D out.prof fib(15)'], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /function calls in \d+\.\d+ seconds/);
  assert.match(result.stdout, /Ordered by: call count/);
  // fib(15) calls fib 1973 times; fib was first compiled under the profiler, so the count is exact.
  assert.match(result.stdout, /^\s+1973\s.*sim\.ts:2\(fib\)$/m);
  assert.match(result.stdout, /\*\*\* Profile stats written to out\.prof/);
  assert.ok(fs.statSync(path.join(dir, 'out.prof')).size > 0);
});

test('bad magics: an unknown option, an unknown magic, a line magic used as a cell; the session goes on', () => {
  const result = session(['%timeit -x 1', '%nosuch', '%%magic', '', '%dis fib', '%lprun fib(3)', '%lprun -f Math.max 1', 'function here() {}', '%lprun -f here here()', '1 + 1']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /UsageError: option -x not recognized; %timeit takes -n, -r, -p, -q, -o\n/);
  assert.match(result.stdout, /UsageError: Line magic function `%nosuch` not found; there are %timeit, %time, %prun, %lprun, /);
  assert.match(result.stdout, /UsageError: %%magic is a line magic only/);
  assert.match(result.stderr + result.stdout, /%dis is not there yet in hotpath; meanwhile: hotpath dis/);
  assert.match(result.stdout, /UsageError: %lprun needs at least one -f FUNC/);
  assert.match(result.stdout, /UsageError: -f Math\.max: a built-in or bound function has no source to measure/);
  assert.match(result.stdout, /UsageError: -f here: defined at the prompt; %lprun measures functions of modules/);
  assert.match(result.stdout, /> 2\n/);
});

const PARTICLES = fileURLToPath(new URL('../../../particles/src/', import.meta.url));

/** Line number -> hits of every line with hits in a line_profiler table. */
function hitsOf(table: string): Array<[number, number]> {
  return [...table.matchAll(/^\s*(\d+)\s+(\d+)\s+\d/gm)].map((m): [number, number] => [Number(m[1]), Number(m[2])]);
}

test("%mprun and %memit: memory_profiler's table of a module's function while a statement runs, and a statement's peak", () => {
  const dir = moduleDir();
  fs.writeFileSync(
    path.join(dir, 'grow.ts'),
    'export function grow(n: number): number[] {\n  const out: number[] = [];\n  for (let i = 0; i < n; i++) out.push(i * 0.5);\n  return out;\n}\n',
  );
  const result = session(
    ["import { grow } from './grow.ts'", '%mprun -f grow grow(100000).length', '%mprun grow(1)', 'let kept', '%memit kept = new Float64Array(1e7).fill(1)', '%memit -r x 1'],
    dir,
  );
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Filename: grow\.ts\n\nLine # {4}Mem usage {4}Increment {2}Occurrences {3}Line Contents\n/);
  const push = /^ +3 +[\d.]+ MiB +([\d.]+) MiB +100000 {3}  for \(let i/m.exec(result.stdout);
  assert.ok(push && Number(push[1]) > 0.5, result.stdout);
  assert.match(result.stdout, /UsageError: %mprun needs at least one -f FUNC/);
  // %memit: 10^7 doubles written, so resident: about 76.3 MiB. It is RSS, as memory_profiler's:
  // pages the process had already, freed by a collection since, are reused and not counted
  // again (seen: 63.4 MiB in a full test run), never more than about the array.
  const memit = /peak memory: ([\d.]+) MiB, increment: ([\d.]+) MiB/.exec(result.stdout);
  assert.ok(memit && Number(memit[2]) > 0.75 * 76.29 && Number(memit[2]) < 1.15 * 76.29, result.stdout);
  assert.match(result.stdout, /UsageError: -r x: a positive whole number of runs/);
});

test('%lprun on the particle library from its TypeScript source: the hits `hotpath lines --mode trace` gives, and the method works on after', () => {
  const dir = moduleDir();
  const setup = [
    `import { Particle } from '${PARTICLES}particle.ts'`,
    `import { ParticleSimulator } from '${PARTICLES}simulator.ts'`,
    'const sim = new ParticleSimulator([new Particle(0.3, 0.5, 1), new Particle(0.0, -0.5, -1), new Particle(-0.1, -0.4, 3)])',
  ];
  const result = session([...setup, '%lprun -f ParticleSimulator.prototype.evolve sim.evolve(0.1)', 'sim.evolve(0.1); sim.particles[0].x.toFixed(6)'], dir);
  assert.equal(result.status, 0, result.stderr);
  const timed = session([...setup, '%timeit -n 3 -r 2 sim.evolve(0.01)'], dir);
  assert.match(timed.stdout, /\d+(\.\d+)? (ms|µs) ± .* per loop \(mean ± std\. dev\. of 2 runs, 3 loops each\)/);
  assert.match(result.stdout, /Function: ParticleSimulator\.evolve at line \d+/);
  const script = path.join(dir, 'evolve.ts');
  fs.writeFileSync(script, `${setup.join(';\n')};\nsim.evolve(0.1);\n`);
  const lines = spawnSync(process.execPath, [BIN, 'lines', '--mode', 'trace', '-f', 'ParticleSimulator.evolve', script], { cwd: dir, encoding: 'utf8' });
  assert.equal(lines.status, 0, lines.stderr);
  const expected = hitsOf(lines.stdout);
  assert.ok(expected.length >= 5, lines.stdout);
  assert.deepEqual(hitsOf(result.stdout), expected);
  // After %lprun the original code is back: a second evolve moves the particle on, unmeasured.
  const plain = spawnSync(process.execPath, [BIN, 'repl'], {
    cwd: dir,
    input: `${setup.join('\n')}\nsim.evolve(0.1); sim.evolve(0.1); sim.particles[0].x.toFixed(6)\n`,
    encoding: 'utf8',
  });
  assert.equal(result.stdout.trim().split('> ').at(-1), plain.stdout.trim().split('> ').at(-1));
});

test('%prun on the particle library: the call counts `hotpath profile` gives for the same work', () => {
  const dir = moduleDir();
  const setup = [`import { Particle } from '${PARTICLES}particle.ts'`, `import { ParticleSimulator } from '${PARTICLES}simulator.ts'`];
  const work = 'new ParticleSimulator([new Particle(0.3, 0.5, 1), new Particle(0.0, -0.5, -1)]).evolve(0.1)';
  const result = session([...setup, `%prun -s ncalls ${work}`], dir);
  assert.equal(result.status, 0, result.stderr);
  const script = path.join(dir, 'work.ts');
  fs.writeFileSync(script, `${setup.join(';\n')};\n${work};\n`);
  const profiled = spawnSync(process.execPath, [BIN, 'profile', '-s', 'ncalls', script], { cwd: dir, encoding: 'utf8' });
  assert.equal(profiled.status, 0, profiled.stderr);
  // The library's functions, first run under the profiler in both: exact counts, the same.
  // By file:line: the in-process profiler names functions as V8 does (`evolve`), the runner
  // as its transform does (`ParticleSimulator.evolve`). Module top levels ran before %prun.
  const counts = (table: string) =>
    new Map([...table.matchAll(/^\s+(\d+)\s.*?(\w+\.ts:\d+)\(([\w.<>]+)\)$/gm)].filter((m) => !m[2]!.startsWith('work.ts') && m[3] !== '<module>').map((m) => [m[2]!, m[1]!]));
  const expected = counts(profiled.stdout);
  assert.ok(expected.size >= 3, profiled.stdout);
  assert.deepEqual(counts(result.stdout), expected);
});

test('%magic lists every magic with its options', () => {
  const result = session(['%magic']);
  for (const magic of MAGICS) assert.match(result.stdout, new RegExp(`%${magic.name}\\b`));
  assert.match(result.stdout, /-n X {2}loops per run/);
});

test('in a terminal: tab completes magic names and options, and the history is kept in its file', async () => {
  const dir = moduleDir();
  const history = path.join(dir, 'history');
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const ended = startRepl({ input, output, terminal: true, historyFile: history });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
  // Key by key: readline takes a chunk of several keys for pasted text, where tab is no key.
  const type = async (keys: string) => {
    for (const key of keys) {
      input.write(key);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  await settle();
  await type('%tim\t\t');
  await settle();
  assert.match(text, /%time\s+%timeit/);
  input.write('\u0015'); // Ctrl-U: clear the line
  await type('%timeit -\t\t');
  await settle();
  assert.match(text, /-n\s+-r\s+-p\s+-q\s+-o/);
  input.write('\u0015');
  await type('40 + 2\r');
  await settle();
  await type('.exit\r');
  assert.equal(await ended, 0);
  await settle();
  assert.match(fs.readFileSync(history, 'utf8'), /40 \+ 2/);
});

test('completion and argument parsing, as IPython reads them', () => {
  assert.deepEqual(completeMagic('%ti', MAGICS), [['%time', '%timeit'], '%ti']);
  assert.deepEqual(completeMagic('%%p', MAGICS), [['%%prun'], '%%p']);
  assert.deepEqual(completeMagic('%prun -', MAGICS)[0], ['-s', '-l', '-r', '-q', '-D']);
  const args = parseMagicArguments(' -n100 -r 3 fib(-1) - 2', MAGICS[0]!.options);
  assert.deepEqual(
    [...args.options],
    [
      ['n', ['100']],
      ['r', ['3']],
    ],
  );
  assert.equal(args.statement, 'fib(-1) - 2');
});

test("IPython's time format", () => {
  assert.equal(formatTimespan(0.00123), '1.23 ms');
  assert.equal(formatTimespan(4.5e-6), '4.5 µs');
  assert.equal(formatTimespan(1.5e-9), '1.5 ns');
  assert.equal(formatTimespan(2.5), '2.5 s');
  assert.equal(formatTimespan(65), '1min 5s');
  assert.equal(formatTimespan(0), '0 ns');
});

test('static imports become dynamic ones', () => {
  assert.equal(rewriteImports("import a, { b as c, d } from './m.ts'"), 'var { default: a, b: c, d } = await import("./m.ts");');
  assert.equal(rewriteImports("import * as ns from 'm'"), 'var ns = await import("m");');
  assert.equal(rewriteImports("import 'side'"), 'await import("side");');
  assert.equal(rewriteImports('if (x) {'), 'if (x) {', 'an unfinished line is left alone');
});
