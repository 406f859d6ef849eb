// `hotpath bench` through the real command line, on the fixtures in test/bench/. Timings are
// never asserted; only ratios far from their thresholds (a 25% slowdown against min:5%).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { machineId } from '../src/bench/machine.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./bench/regression.bench.js', import.meta.url));
const QUICK = ['--max-time', '0.2', '--warmup', '0.05'];

function hotpath(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, 'bench', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-bench-cli-'));
}

/** Every file under `dir` with its contents. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const full = path.join(dir, name);
    if (fs.statSync(full).isFile()) files[name] = fs.readFileSync(full, 'utf8');
  }
  return files;
}

test('prints the table, saves, passes against itself and fails a 25% regression with min:5%', () => {
  const cwd = tempDir();
  const saved = hotpath(cwd, [FIXTURE, ...QUICK, '--save', 'base']);
  assert.equal(saved.status, 0, saved.stderr);
  assert.match(saved.stdout, /^-+ benchmark 'fixture': 1 tests -+$/m);
  assert.match(saved.stdout, /^Name \(time in us\) +Min +Max +Mean +StdDev +Median +IQR +Outliers +OPS \(Kops\/s\) +Rounds +Iterations$/m);
  assert.match(saved.stdout, /^scaled-loop +[\d.,]+ /m);
  assert.match(saved.stderr, /measuring scaled-loop/);
  const file = path.join('.benchmarks', machineId(), '0001_base.json');
  assert.match(saved.stderr, new RegExp(`Saved benchmark data in: ${file.replace(/[.\\]/g, '\\$&')}`));

  const same = hotpath(cwd, [FIXTURE, ...QUICK, '--compare-fail=min:5%']);
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.match(same.stdout, new RegExp(`^Comparing against benchmarks from: ${machineId()}/0001_base\\.json$`, 'm'));
  assert.match(same.stdout, /^scaled-loop \(0001_base\) +.*\nscaled-loop \(NOW\) +/m);

  const slower = hotpath(cwd, [FIXTURE, ...QUICK, '--compare', '1', '--compare-fail=min:5%'], { HOTPATH_FIXTURE_SLOWDOWN: '1.25' });
  assert.equal(slower.status, 1, slower.stdout + slower.stderr);
  assert.match(slower.stdout, /^Performance has regressed:\n\tscaled-loop \(0001_base\) - Field 'min' has failed PercentageRegressionCheck: \d+\.\d{9} > 5\.000000000/m);
  assert.match(slower.stderr, /ERROR: Performance has regressed\.\n$/);
});

test('--json prints the run as saved: machine, commit, rounds in ns, statistics in seconds as pytest-benchmark stores them', () => {
  const cwd = tempDir();
  const result = hotpath(cwd, [FIXTURE, ...QUICK, '--min-rounds', '7', '--json']);
  assert.equal(result.status, 0, result.stderr);
  const run = JSON.parse(result.stdout);
  assert.equal(run.format, 'hotpath-bench');
  assert.equal(run.unit, 'ns');
  assert.equal(run.machineId, machineId());
  assert.equal(run.machine.node, process.version);
  const [b] = run.benchmarks;
  assert.equal(b.name, 'scaled-loop');
  assert.equal(b.group, 'fixture');
  assert.ok(b.roundsNs.length >= 7);
  assert.equal(b.stats.rounds, b.roundsNs.length);
  const fastest = Math.min(...b.roundsNs) / b.iterations;
  assert.ok(Math.abs(b.stats.min - fastest / 1e9) <= 1e-15, `min ${b.stats.min} s, fastest ${fastest} ns`);
  assert.ok(b.stats.ld15iqr >= b.stats.min && b.stats.hd15iqr <= b.stats.max);
});

test('--histogram writes an SVG box plot', () => {
  const cwd = tempDir();
  const result = hotpath(cwd, [FIXTURE, ...QUICK, '--histogram', 'plots/rounds.svg']);
  assert.equal(result.status, 0, result.stderr);
  const svg = fs.readFileSync(path.join(cwd, 'plots/rounds.svg'), 'utf8');
  assert.match(svg, /^<svg /);
  assert.match(svg, />scaled-loop</);
  assert.match(svg, /time per call \(µs(, log scale)?\)/); // log when outliers span 20x
  assert.match(result.stderr, /Generated histogram: plots\/rounds\.svg/);
});

test('bad input: one-line error, exit 2, nothing run, stored runs untouched', () => {
  const cwd = tempDir();
  const dir = path.join(cwd, '.benchmarks', machineId());
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '0001_good.json'), '{"format":"hotpath-bench","version":1,"benchmarks":[]}');
  fs.writeFileSync(path.join(dir, '0002_bad.json'), '{"format":"hotpath-bench","vers');
  const before = snapshot(cwd);
  const cases: Array<[string[], RegExp]> = [
    [['--compare-fail=fastest:5%'], /could not parse --compare-fail 'fastest:5%': expected FIELD:PERCENT% or FIELD:DIFFERENCE\[unit\]/],
    [['--compare-fail', 'min:5'], /$^/], // valid: 5 seconds (checked below that it ran)
    [['--compare', '7'], /no saved run 0007 in .*\(saved: 0001, 0002\)/],
    [['--compare', '2'], /0002_bad\.json is not a saved run: invalid JSON/],
    [['--compare', 'gone.json'], /no saved run gone\.json: no such file/],
    [['no/such/*.bench.js'], /no benchmark files match 'no\/such\/\*\.bench\.js'/],
  ];
  for (const [args, message] of cases) {
    if (args[1] === 'min:5') continue;
    const result = hotpath(cwd, [FIXTURE, ...QUICK, ...args]);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
  assert.deepEqual(snapshot(cwd), before);
});

test('a failing test fails the run (exit 1) and its output is shown', () => {
  const cwd = tempDir();
  fs.writeFileSync(path.join(cwd, 'broken.bench.mjs'), "import { test } from 'node:test';\ntest('broken', () => { throw new Error('the assertion failed'); });\n");
  const result = hotpath(cwd, []);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /the assertion failed/);
  assert.match(result.stderr, /hotpath bench: the tests failed before any benchmark ran/);
});

test('under plain node --test a benchmark file is a quick test: fn runs once, nothing is saved', () => {
  const cwd = tempDir();
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  const result = spawnSync(process.execPath, ['--test', FIXTURE], { cwd, encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stdout);
  assert.match(result.stdout, /# pass 1/);
  assert.deepEqual(fs.readdirSync(cwd), []);
});

test('file::name measures that benchmark only; --columns, --time-unit and --group-by shape the table', () => {
  const cwd = tempDir();
  const overhead = fileURLToPath(new URL('./bench/overhead.bench.js', import.meta.url));
  const result = hotpath(cwd, [`${overhead}::ten-ns`, ...QUICK, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const names = (JSON.parse(result.stdout) as { benchmarks: { name: string }[] }).benchmarks.map((b) => b.name);
  assert.deepEqual(names, ['ten-ns'], 'noop, in the same file, ran once but was not measured');
  const table = hotpath(cwd, [FIXTURE, `${overhead}::noop`, ...QUICK, '--columns', 'ops,min', '--time-unit', 'ns', '--group-by', 'file']);
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /^Name \(time in ns\) +Min +OPS( \([KM]ops\/s\))?$/m, 'pytest-benchmark order whatever order given');
  assert.match(table.stdout, /^-* benchmark '.*regression\.bench\.js': 1 tests -*$/m);
  assert.match(table.stdout, /^-* benchmark '.*overhead\.bench\.js': 1 tests -*$/m);
  assert.doesNotMatch(table.stdout, /ten-ns/);
  const bad = hotpath(cwd, [FIXTURE, '--columns', 'min,fastest']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--columns: unknown 'fastest' \(expected some of: min, max, mean/);
});

test("pytest-benchmark's time options: --min-time is the shortest round, --max-time the rounds' total; --autosave", () => {
  const cwd = tempDir();
  const result = hotpath(cwd, [FIXTURE, '--min-time', '0.02', '--max-time', '0.3', '--min-rounds', '3', '--warmup', '0', '--json', '--autosave']);
  assert.equal(result.status, 0, result.stderr);
  const [b] = (JSON.parse(result.stdout) as { benchmarks: { roundsNs: number[]; iterations: number }[] }).benchmarks;
  const sorted = [...b!.roundsNs].sort((x, y) => x - y);
  const median = sorted[sorted.length >> 1]!;
  // Calibration aims at 20 ms; a loaded machine can make it settle for fewer calls, but the
  // rounds stay far above the 100 µs they have without --min-time.
  assert.ok(median >= 5e6, `rounds of about 20 ms: median ${median} ns over ${b!.iterations} calls`);
  // --max-time bounds the time from the first timed round to the last, gaps between rounds
  // included, so the rounds themselves add up to most of it.
  assert.ok(sorted.reduce((sum, ns) => sum + ns, 0) >= 0.2e9, 'the rounds add up to most of --max-time');
  assert.match(result.stderr, /^Saved benchmark data in: \.benchmarks\/.*\/0001_.*\.json$/m);
});

test('bench compare: saved runs side by side, picked by number or glob; a missing one is one line and exit 2', () => {
  const cwd = tempDir();
  assert.equal(hotpath(cwd, [FIXTURE, ...QUICK, '--save', 'base']).status, 0);
  assert.equal(hotpath(cwd, [FIXTURE, ...QUICK, '--save', 'slow'], { HOTPATH_FIXTURE_SLOWDOWN: '1.25' }).status, 0);
  const all = hotpath(cwd, ['compare']);
  assert.equal(all.status, 0, all.stderr);
  assert.match(all.stdout, /^Run: .*\/0001_base\.json\nRun: .*\/0002_slow\.json\n/);
  assert.match(all.stdout, /^scaled-loop \(0001_base\) +[\d.,]+ \((1\.0|[\d.]+)\)/m);
  assert.match(all.stdout, /^scaled-loop \(0002_slow\) +[\d.,]+ /m);
  const picked = hotpath(cwd, ['compare', '*slow*', '--columns', 'min', '--sort', 'name']);
  assert.equal(picked.status, 0, picked.stderr);
  assert.doesNotMatch(picked.stdout, /0001_base/);
  assert.match(picked.stdout, /^Name \(time in us\) +Min$/m);
  const missing = hotpath(cwd, ['compare', '7']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^hotpath bench compare: no saved run 0007 in .*\n$/);
});

test('--cprofile [column]: the function profiled once more, its top functions listed as pytest-benchmark does, and kept in --json', () => {
  // Outside hotpath's own package, whose functions profiles leave out: outer() calls leaf()
  // ten times, and leaf's loop is most of the work.
  const cwd = tempDir();
  const file = path.join(cwd, 'tree.bench.ts');
  fs.writeFileSync(path.join(cwd, 'package.json'), '{"type":"module"}');
  const api = new URL('../src/index.js', import.meta.url).href;
  fs.writeFileSync(
    file,
    `import { test } from 'node:test';\nimport { bench } from '${api}';\nlet sink = 0;\n` +
      'function leaf(i: number): number {\n  let h = i;\n  for (let k = 0; k < 200; k++) h = (h * 31 + k) & 0xffff;\n  return h;\n}\n' +
      'function outer(): number {\n  for (let i = 0; i < 10; i++) sink ^= leaf(i);\n  return sink;\n}\n' +
      "test('known-tree', (t) => {\n  bench(t, outer);\n});\n",
  );
  const result = hotpath(cwd, [file, ...QUICK, '--cprofile', 'tottime']);
  assert.equal(result.status, 0, result.stderr);
  const section = result.stdout.slice(result.stdout.indexOf('cProfile (time in s)'));
  assert.match(
    section,
    /^cProfile \(time in s\) -+\nCalls are not counted here .*\n\ntree\.bench\.ts::known-tree\nncalls\ttottime\tpercall\tcumtime\tpercall\tfilename:lineno\(function\)\n/,
  );
  const rows = section
    .split('\n')
    .filter((line) => /^\?\t/.test(line))
    .map((line) => line.split('\t'));
  assert.match(rows[0]![5]!, /^tree\.bench\.ts:\d+\((leaf|outer)\)$/, section);
  assert.ok(Number(rows[0]![1]) > 0, section);
  const json = hotpath(cwd, [file, ...QUICK, '--cprofile', '--json']);
  const stored = JSON.parse(json.stdout).benchmarks[0].cprofile as Array<{ function_name: string; tottime: number }>;
  assert.ok(
    stored.some((r) => /\((leaf|outer)\)$/.test(r.function_name) && r.tottime > 0),
    json.stdout,
  );
  const bad = hotpath(cwd, [file, '--cprofile', 'bogus']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--cprofile bogus: the columns are tottime, cumtime, ncalls/);
});

test('--disable-gc: collections during the rounds as rare as V8 allows (a large young generation)', () => {
  const cwd = tempDir();
  const file = path.join(cwd, 'alloc.bench.mjs');
  const api = new URL('../src/index.js', import.meta.url).href;
  // Objects kept in a ring of 1024 slots: each call's garbage is real, none escapes analysis.
  fs.writeFileSync(
    file,
    `import { test } from 'node:test';\nimport { bench } from '${api}';\nconst ring = new Array(1024);\nlet i = 0;\n` +
      "test('alloc', (t) => {\n  bench(t, () => { for (let k = 0; k < 100; k++) ring[i++ & 1023] = { x: i, y: k }; });\n});\n",
  );
  const count = (args: string[]) => {
    const run = hotpath(cwd, [file, ...QUICK, '--json', ...args]);
    assert.equal(run.status, 0, run.stderr);
    return (JSON.parse(run.stdout).benchmarks[0].gc as { count: number }).count;
  };
  const usual = count([]);
  const rare = count(['--disable-gc']);
  assert.ok(usual >= 10 && rare * 4 <= usual, `collections: ${usual} by default, ${rare} with --disable-gc`);
});
