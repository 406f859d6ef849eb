// `hotpath mprof` through the real command line: memory sampled from outside a program busy
// in a synchronous loop, mprof's .dat format read back by Python's own `mprof plot`, the SVG
// plot, list/peak/clean, and bad files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseDat } from '../src/mprof/dat.js';
import { hotpath, REPO, tempDir } from './profile-helpers.js';

// Holds ~200 MiB for a second of synchronous work: only a sampler outside the process sees it grow.
const ALLOCATE = `
const keep: Float64Array[] = [];
for (let i = 0; i < 200; i++) keep.push(new Float64Array(131072).fill(1));
const end = Date.now() + 1000;
while (Date.now() < end);
console.log('held', keep.length);
process.exitCode = 3;
`;

function datIn(dir: string): string {
  const files = fs.readdirSync(dir).filter((f) => /^mprofile_\d{14}\.dat$/.test(f));
  assert.equal(files.length, 1, `one .dat file in ${fs.readdirSync(dir).join(', ')}`);
  return path.join(dir, files[0]!);
}

test('run samples a TypeScript program busy in a synchronous loop; its output and exit code stay its own', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'allocate.ts'), ALLOCATE);
  const result = hotpath(['mprof', 'run', '-i', '0.05', 'allocate.ts'], { cwd: dir });
  assert.equal(result.status, 3, result.stderr);
  assert.equal(result.stdout, 'held 200\n');
  const data = parseDat(fs.readFileSync(datIn(dir), 'utf8'), 'dat');
  assert.equal(data.cmdline, 'allocate.ts');
  assert.ok(data.mem.length >= 10, `${data.mem.length} samples over a second at 50 ms`);
  const peak = Math.max(...data.mem.map((s) => s.mib));
  assert.ok(peak > 200 && peak < 600, `peak ${peak} MiB`);
  // Samples keep coming during the loop: no gap near the loop's length.
  const gaps = data.mem.slice(1).map((s, i) => s.time - data.mem[i]!.time);
  assert.ok(Math.max(...gaps) < 0.5, `largest gap ${Math.max(...gaps)} s`);
});

test('a program that throws still leaves its .dat file, -o names it, children give CHLD lines', () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'throws.ts'),
    `
import { execFileSync } from 'node:child_process';
execFileSync(process.execPath, ['-e', 'const a = new Array(5e6).fill(1); const t = Date.now(); while (Date.now() - t < 500);']);
throw new Error('boom');
`,
  );
  const result = hotpath(['mprof', 'run', '-i', '0.05', '--include-children', '-o', 'out.dat', 'throws.ts'], { cwd: dir });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /boom/);
  const data = parseDat(fs.readFileSync(path.join(dir, 'out.dat'), 'utf8'), 'out.dat');
  assert.ok(data.mem.length >= 5);
  assert.ok(data.children.size >= 1, 'the child process was sampled');
  assert.ok(Math.max(...[...data.children.values()].flat().map((s) => s.mib)) > 30);
});

test("Python's mprof plot reads a hotpath .dat file; hotpath's SVG plots every sample and marks the peak", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'allocate.ts'), ALLOCATE);
  assert.equal(hotpath(['mprof', 'run', '-i', '0.05', 'allocate.ts'], { cwd: dir }).status, 3);
  const dat = datIn(dir);
  const py = spawnSync('python3-mprof', ['plot', '-o', 'py.png', dat], { cwd: dir, encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg' } });
  assert.equal(py.status, 0, `${py.error ?? ''} ${py.stdout} ${py.stderr}`);
  assert.ok(fs.statSync(path.join(dir, 'py.png')).size > 10_000);

  const plot = hotpath(['mprof', 'plot', '-o', 'plot.svg'], { cwd: dir });
  assert.equal(plot.status, 0, plot.stderr);
  const svg = fs.readFileSync(path.join(dir, 'plot.svg'), 'utf8');
  const data = parseDat(fs.readFileSync(dat, 'utf8'), 'dat');
  const d = /<path class="mem"[^>]* d="([^"]+)"/.exec(svg)![1]!;
  const points = d.split(' ').map((p) => p.slice(1).split(',').map(Number) as [number, number]);
  assert.equal(points.length, data.mem.length);
  const peak = /<circle class="peak" cx="([\d.]+)" cy="([\d.]+)"/.exec(svg)!;
  const highest = Math.min(...points.map((p) => p[1])); // SVG y grows downwards
  assert.equal(Number(peak[2]), highest);
  assert.match(svg, /peak \d+\.\d MiB/);
});

test('list, peak and clean work on the mprofile_*.dat files of the folder', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'mprofile_20240101000000.dat'), 'CMDLINE a.ts\nMEM 10.000000 100.0000\nMEM 42.500000 100.1000\n');
  fs.writeFileSync(path.join(dir, 'mprofile_20240102000000.dat'), 'CMDLINE b.ts\nMEM 7.000000 100.0000\n');
  assert.equal(hotpath(['mprof', 'list'], { cwd: dir }).stdout, '0 mprofile_20240101000000.dat a.ts\n1 mprofile_20240102000000.dat b.ts\n');
  assert.equal(hotpath(['mprof', 'peak', 'mprofile_20240101000000.dat'], { cwd: dir }).stdout, 'mprofile_20240101000000.dat\t42.500 MiB\n');
  assert.equal(hotpath(['mprof', 'clean'], { cwd: dir }).status, 0);
  assert.deepEqual(fs.readdirSync(dir), []);
});

test('a truncated or non-mprof .dat file: one line naming the file, exit 2', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'cut.dat'), 'CMDLINE a.ts\nMEM 10.000000 100.0000\nMEM 12.5');
  fs.writeFileSync(path.join(dir, 'other.dat'), '{"not": "mprof"}\n');
  for (const file of ['cut.dat', 'other.dat', 'missing.dat']) {
    for (const command of ['plot', 'peak']) {
      const result = hotpath(['mprof', command, file], { cwd: dir });
      assert.equal(result.status, 2, `${command} ${file}`);
      assert.match(result.stderr, new RegExp(`^hotpath mprof: ${file.replace('.', '\\.')}[: ].*\\n$`));
    }
  }
});

test('run -o into a missing directory: one line before the program runs, exit 2', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'ran.ts'), "import { writeFileSync } from 'node:fs';\nwriteFileSync('ran', '');\n");
  const result = hotpath(['mprof', 'run', '-o', path.join('missing', 'out.dat'), 'ran.ts'], { cwd: dir });
  assert.equal(result.status, 2);
  assert.equal(result.stderr, `hotpath mprof: ${path.join('missing', 'out.dat')}: no such directory to write into\n`);
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false, 'the program did not run');
});

test("run: profile() from hotpath/lines brackets each call with FUNC lines, which Python's mprof plot reads", () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'marked.ts'),
    "import { profile } from 'hotpath/lines';\n" +
      'const fill = profile(function fill(n: number): number[][] {\n  const rows: number[][] = [];\n  for (let i = 0; i < n; i++) rows.push(new Array(1000).fill(i));\n  return rows;\n});\n' +
      'const keep = [fill(2000), fill(1000)];\nconst end = Date.now() + 300;\nwhile (Date.now() < end);\nconsole.log(keep.length);\n',
  );
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const result = hotpath(['mprof', 'run', '-i', '0.05', '-o', 'out.dat', 'marked.ts'], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '2\n');
  const data = parseDat(fs.readFileSync(path.join(dir, 'out.dat'), 'utf8'), 'out.dat');
  assert.deepEqual(
    data.funcs.map((f) => f.name),
    ['fill', 'fill'],
  );
  const [first] = data.funcs;
  assert.ok(first!.end.time >= first!.start.time && first!.end.mib > first!.start.mib + 5, JSON.stringify(first));
  const py = spawnSync('python3-mprof', ['plot', '-o', 'py.png', 'out.dat'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MPLBACKEND: 'Agg' } });
  assert.equal(py.status, 0, `${py.error ?? ''} ${py.stdout} ${py.stderr}`);
});

test('run: @profile on a method brackets its calls too, as a TypeScript 5 decorator and as a legacy one', () => {
  const store =
    "import { profile } from 'hotpath/lines';\n" +
    'class Store {\n  items: number[][] = [];\n  @profile\n  fill(rows: number): number {\n' +
    '    for (let i = 0; i < rows; i++) this.items.push(new Array(1000).fill(i));\n    return this.items.length;\n  }\n}\n' +
    'const store = new Store();\nconsole.log(store.fill(2000), store.fill(1000));\n';
  for (const experimentalDecorators of [false, true]) {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'store.ts'), store);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { experimentalDecorators } }));
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const result = hotpath(['mprof', 'run', '-i', '0.05', '-o', 'out.dat', 'store.ts'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '2000 3000\n', `experimentalDecorators: ${experimentalDecorators}`);
    const data = parseDat(fs.readFileSync(path.join(dir, 'out.dat'), 'utf8'), 'out.dat');
    assert.deepEqual(
      data.funcs.map((f) => f.name),
      ['fill', 'fill'],
      `experimentalDecorators: ${experimentalDecorators}`,
    );
    // The same file under hotpath memory: the decorator is a mark again, and picks the method.
    const memory = hotpath(['memory', 'store.ts'], { cwd: dir });
    assert.equal(memory.status, 0, memory.stderr);
    assert.match(memory.stdout, /^ +6 +[\d.]+ MiB +[\d.]+ MiB +3000 {3}/m);
  }
});
