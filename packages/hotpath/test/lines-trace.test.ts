// `hotpath lines --mode trace` through the real CLI: exact hits on the chapter's simulator
// (TypeScript lines through the package's source maps), time shares, marks in code, bad
// input, early ends, saving, merging, and the HTML report.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { createLineRecorder, PROBE_SLOT } from '../src/capture/lines-trace/runtime.js';
import { loadProfileSync } from '../src/model/file.js';
import { FIXTURES, hotpath, tempDir } from './profile-helpers.js';

const LT = path.join(FIXTURES, 'lines-trace');
const SMALL = path.join(FIXTURES, 'particles-small.ts'); // 200 particles, evolve(0.01): 999 steps

/** The table's rows by line number: `[hits, time, perHit, percent, contents]` (hits '' when blank). */
function rows(table: string): Map<number, { hits: string; percent: number; contents: string }> {
  const out = new Map<number, { hits: string; percent: number; contents: string }>();
  for (const line of table.split('\n')) {
    const m = /^ {0,5}(\d+) ([ \d]{9}) ([ \d.e+-]{12}) ([ \d.e+-]{8}) ([ \d.]{8})  (.*)$/.exec(line);
    if (m) out.set(Number(m[1]), { hits: m[2]!.trim(), percent: Number(m[5]), contents: m[6]! });
  }
  return out;
}

test('evolve: every line of the inner loop body is hit particles x steps times, the steps loop steps times', () => {
  const run = hotpath(['lines', '--mode', 'trace', '-f', 'evolve', SMALL]);
  assert.equal(run.status, 0, run.stderr);
  // kernprof's layout, with the capture's notes between the timer unit and the first function.
  assert.match(
    run.stdout,
    /\nTimer unit: 1e-06 s\n\nNote: trace mode: .*, [\d.]+ ns per line event .* taken off each line's time per hit\n\nTotal time: [\d.e-]+ s\nFile: .*packages\/particles\/src\/simulator\.ts\nFunction: ParticleSimulator\.evolve at line \d+\n\n/,
  );
  assert.match(run.stdout, /\nLine # {6}Hits {9}Time  Per Hit   % Time  Line Contents\n={62}\n/);
  const table = rows(run.stdout);
  const lineOf = (text: string): number => [...table].find(([, r]) => r.contents.includes(text))![0];
  assert.equal(table.get(lineOf('for (let i = 0; i < nsteps; i++)'))!.hits, '999');
  assert.equal(table.get(lineOf('for (const p of this.particles)'))!.hits, String(200 * 999));
  for (const text of ['const norm', 'const vx', 'const vy', 'const dx', 'const dy', 'p.x += dx', 'p.y += dy']) {
    assert.equal(table.get(lineOf(text))!.hits, String(200 * 999), text);
  }
  // Comment and blank lines are shown without figures, in the TypeScript source.
  assert.equal(table.get(lineOf('// 1. the direction of motion'))!.hits, '');
});

test('time shares: lines busy for 3 ms and 1 ms come out 75/25 within 2 points', () => {
  const run = hotpath(['lines', '--mode', 'trace', '-f', 'work', path.join(LT, 'shares.ts'), '40']);
  assert.equal(run.status, 0, run.stderr);
  const table = rows(run.stdout);
  const three = [...table.values()].find((r) => r.contents.includes('spin(3)'))!;
  const one = [...table.values()].find((r) => r.contents.includes('spin(1)'))!;
  assert.equal(three.hits, '40');
  const share = (100 * three.percent) / (three.percent + one.percent);
  assert.ok(Math.abs(share - 75) <= 2, `spin(3) took ${share.toFixed(1)}% of the two lines`);
});

test('@profile on a method and profile(fn) pick their functions; the program runs unchanged', () => {
  const run = hotpath(['lines', '--mode', 'trace', path.join(LT, 'marked.ts')]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^9 55\n/);
  assert.match(run.stdout, /Function: Counter\.add at line 8\n/);
  assert.match(run.stdout, /Function: square at line 16\n/);
  const table = rows(run.stdout);
  assert.equal(table.get(9)!.hits, '15'); // the loop header: 10 + 5 iterations
  assert.equal(table.get(12)!.hits, '2');
});

test('a name that matches nothing lists the functions that exist and exits 2', () => {
  const run = hotpath(['lines', '--mode', 'trace', '-f', 'nosuch', SMALL]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /no function matched 'nosuch' \(functions: .*ParticleSimulator\.evolve/);
  assert.equal(run.stdout, '200\n');
});

test('a program that throws still prints and saves the lines measured so far', () => {
  const out = path.join(tempDir(), 'throws.json');
  const run = hotpath(['lines', '--mode', 'trace', '-o', out, '--all', path.join(LT, 'throws.ts')]);
  assert.equal(run.status, 1);
  assert.match(run.stderr, /Error: halfway/);
  assert.equal(rows(run.stdout).get(5)!.hits, '7');
  const saved = loadProfileSync(out);
  assert.deepEqual(saved.lines!.find((l) => l.line === 5)!.hits, 7);
});

test('-o saves the line stats; --show prints them again and sums several runs; changed sources are refused', () => {
  const dir = tempDir();
  const [a, b] = [path.join(dir, 'a.json'), path.join(dir, 'b.json')];
  for (const file of [a, b]) assert.equal(hotpath(['lines', '--mode', 'trace', '-o', file, '-f', 'simulator.ts:47', SMALL]).status, 0);
  const one = hotpath(['lines', '--show', a, '-u', 'ms']);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /^Timer unit: 0\.001 s\n/);
  const lineOf = (table: string, text: string): string => [...rows(table).values()].find((r) => r.contents.includes(text))!.hits;
  assert.equal(lineOf(one.stdout, 'const vx'), String(199800));
  const both = hotpath(['lines', '--show', a, b]);
  assert.equal(both.status, 0, both.stderr);
  assert.equal(lineOf(both.stdout, 'const vx'), String(2 * 199800));
  const changed = JSON.parse(fs.readFileSync(b, 'utf8'));
  assert.match(changed.frames[0].sourceHash, /^[0-9a-f]{40}$/);
  changed.frames[0].sourceHash = '0'.repeat(40);
  fs.writeFileSync(b, JSON.stringify(changed));
  const refused = hotpath(['lines', '--show', a, b]);
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, new RegExp(`the source of ParticleSimulator\\.evolve \\(.*simulator\\.ts:\\d+\\) differs between ${a} and ${b}`));
});

test('a file saved before frames had endLine and sourceHash prints up to its last line with figures', () => {
  const file = path.join(tempDir(), 'old.json');
  assert.equal(hotpath(['lines', '--mode', 'trace', '-o', file, '-f', 'evolve', SMALL]).status, 0);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(saved.frames[0].endLine > 0);
  for (const frame of saved.frames) {
    delete frame.endLine;
    delete frame.sourceHash;
  }
  fs.writeFileSync(file, JSON.stringify(saved));
  const old = hotpath(['lines', '--show', file, file]);
  assert.equal(old.status, 0, old.stderr);
  const table = rows(old.stdout);
  const last = Math.max(...table.keys());
  assert.match(table.get(last)!.contents, /p\.y \+= dy/);
  assert.equal(table.get(last)!.hits, String(2 * 199800));
});

test('the recorder measures its own cost per line event and the capture takes it off per hit', () => {
  // A clock that advances 1 ms per read: a line event's two reads frame its bookkeeping, and
  // each interval charged to a line holds exactly one read's worth of it.
  let t = 0;
  const recorder = createLineRecorder({ now: () => ++t });
  assert.equal(recorder.overheadPerEvent(), 1);
  assert.ok(recorder.hits(PROBE_SLOT) > 0);
  const a = recorder.le(1);
  for (let i = 0; i < 3; i++) {
    a.l(2);
    t += 10; // the line's own work
  }
  a.x();
  assert.equal(recorder.time(2), 3 * 11); // 10 of work + 1 of overhead per hit
});

test('recursion is charged once, as line_profiler charges it: a nested call pauses the calling frame', () => {
  // A clock that moves only when the test says: f calls itself once on line 2.
  let t = 0;
  const recorder = createLineRecorder({ now: () => t });
  const outer = recorder.le(1);
  outer.l(2);
  t += 10; // line 2 of the outer call, up to the recursive call
  const inner = recorder.le(1);
  inner.l(2);
  t += 5; // line 2 of the inner call
  inner.x();
  t += 3; // the rest of the outer call's line 2
  outer.l(3);
  t += 1;
  outer.x();
  // Charged per active frame, line 2 would get 10 + 5 + 3 (outer) + 5 (inner) = 23 of 19.
  assert.equal(recorder.time(2), 10 + 5 + 3);
  assert.equal(recorder.time(2) + recorder.time(3), t, 'the lines sum to the wall time');
  assert.equal(recorder.hits(2), 2);
  assert.equal(recorder.hits(1), 2);
});

test('factorial on the Taylor example: its total time is within the run, not once per depth', () => {
  const taylor = path.join(FIXTURES, '../../../../examples/taylor.ts');
  const started = performance.now();
  const run = hotpath(['lines', '--mode', 'trace', '--all', taylor]);
  const wall = (performance.now() - started) / 1000;
  assert.equal(run.status, 0, run.stderr);
  const totals = new Map([...run.stdout.matchAll(/^Total time: ([\d.e+-]+) s\n.*\nFunction: (\S+) at line \d+$/gm)].map((m) => [m[2]!, Number(m[1])]));
  const factorial = totals.get('factorial')!;
  const main = totals.get('main')!;
  assert.ok(factorial > 0 && main > 0, run.stdout);
  // main encloses every factorial call; the whole CLI run (start-up included) encloses main.
  assert.ok(factorial <= main * 1.05, `factorial ${factorial} s > main ${main} s`);
  assert.ok(main <= wall, `main ${main} s > the run's wall time ${wall} s`);
});

test('hotpath view shows a saved line profile as source heat', () => {
  const dir = tempDir();
  const file = path.join(dir, 'lines.json');
  assert.equal(hotpath(['lines', '--mode', 'trace', '-o', file, '-f', 'evolve', SMALL]).status, 0);
  const view = hotpath(['view', file, '-o', path.join(dir, 'lines.html')]);
  assert.equal(view.status, 0, view.stderr);
  const html = fs.readFileSync(path.join(dir, 'lines.html'), 'utf8');
  assert.match(html, /"lines":\{"frame":\[0,0/);
  assert.match(html, /199800/);
});

test('-s/--sort: functions by ascending total time, the slowest last, as line_profiler sorts them', () => {
  const file = path.join(tempDir(), 'taylor.json');
  const taylor = path.join(FIXTURES, '../../../../examples/taylor.ts');
  assert.equal(hotpath(['lines', '--mode', 'trace', '--all', '-o', file, taylor]).status, 0);
  const functions = (table: string) =>
    [...table.matchAll(/^Total time: ([\d.e+-]+) s\n.*\nFunction: (\S+) at line (\d+)$/gm)].map((m) => ({ total: Number(m[1]), name: m[2]!, line: Number(m[3]) }));
  const byLine = functions(hotpath(['lines', '--show', file]).stdout);
  const sorted = functions(hotpath(['lines', '--show', file, '--sort']).stdout);
  assert.ok(byLine.length >= 3, `functions: ${byLine.map((f) => f.name).join(', ')}`);
  assert.deepEqual(
    byLine.map((f) => f.line),
    [...byLine.map((f) => f.line)].sort((a, b) => a - b),
    'in line order by default',
  );
  assert.deepEqual(
    sorted.map((f) => f.name),
    [...byLine].sort((a, b) => a.total - b.total || a.line - b.line).map((f) => f.name),
  );
  assert.deepEqual(functions(hotpath(['lines', '--show', file, '-s']).stdout), sorted);
});
