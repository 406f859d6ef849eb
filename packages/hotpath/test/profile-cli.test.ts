// `hotpath profile` through the real CLI: counts, TypeScript positions, source maps, the
// program's argv/cwd/stdio/exit code, and a complete profile however the program ends.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfileSync } from '../src/model/file.js';
import { FIXTURES, functionNamed, hotpath, interrupt, lineOf, profileTo, REPO, tempDir } from './profile-helpers.js';

const TAYLOR = path.join(REPO, 'examples/taylor.ts');

test('sample mode: taylor.ts shows factorial with its exact 188000 calls', () => {
  const run = hotpath(['profile', 'examples/taylor.ts']);
  assert.equal(run.status, 0, run.stderr);
  const row = run.stdout.split('\n').find((line) => line.endsWith('(factorial)'));
  assert.match(row ?? '', /^\s+188000\s.*examples\/taylor\.ts:5\(factorial\)$/);
  assert.match(run.stdout, /188\d\d\d function calls in [\d.]+ seconds/);
  assert.match(run.stdout, /Note: .*estimated/);
});

test('frames carry TypeScript positions: factorial at its line and column in taylor.ts', () => {
  const { profile } = profileTo('examples/taylor.ts');
  const { stats, frame } = functionNamed(profile, 'factorial');
  assert.equal(stats.calls, 188000);
  assert.equal(frame.file, TAYLOR);
  assert.equal(frame.line, lineOf(TAYLOR, 'function factorial('));
  assert.equal(frame.column, 1);
  assert.equal(functionNamed(profile, 'taylorExp').stats.calls, 1);
  assert.deepEqual(profile.meta.exactness, { calls: 'exact', edges: 'estimated', time: 'sampled' });
  assert.equal(profile.meta.mode, 'sample');
  assert.equal(profile.meta.exitCode, 0);
  assert.equal(profile.meta.interval, 1_000_000);
});

test("a module's top-level code is its <module> row at line 1, as in cProfile", () => {
  const { profile } = profileTo('examples/taylor.ts');
  const { stats, frame } = functionNamed(profile, '<module>');
  assert.equal(frame.file, TAYLOR);
  assert.equal(frame.line, 1);
  assert.equal(stats.calls, 1);
  assert.ok(!profile.frames.some((f) => f.file === TAYLOR && f.name === '(anonymous)'));
});

test('--counts coverage counts with V8 block coverage: the same 188000', () => {
  const { profile } = profileTo('examples/taylor.ts', ['--counts', 'coverage']);
  assert.equal(functionNamed(profile, 'factorial').stats.calls, 188000);
});

test('trace mode through the runner: factorial 188000/750, exact edges', () => {
  const run = hotpath(['profile', '--mode', 'trace', '--callers', 'factorial', 'examples/taylor.ts']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /187250\/749 .*taylor\.ts:5\(factorial\)/);
  assert.match(run.stdout, /\s500 .*taylor\.ts:9\(taylorExp\)/);
  assert.match(run.stdout, /\s250 .*taylor\.ts:15\(taylorSin\)/);
});

for (const script of ['echo-esm.mjs', 'echo-cjs.cts']) {
  test(`${script}: argv, cwd, stdin, stdout, stderr and exit code pass through`, () => {
    const cwd = tempDir();
    const file = path.join(FIXTURES, script);
    const run = hotpath(['profile', '-o', path.join(cwd, 'p.json'), file, '7', '--flag', 'two words'], { cwd, input: 'hello\nstdin' });
    assert.equal(run.status, 7, run.stderr);
    const seen = JSON.parse(run.stdout) as { argv: string[]; cwd: string; stdin: string };
    assert.deepEqual(seen.argv, [file, '7', '--flag', 'two words']);
    assert.equal(seen.cwd, fs.realpathSync(cwd));
    assert.equal(seen.stdin, 'hello\nstdin');
    if (script.endsWith('.cts')) assert.deepEqual([(seen as unknown as { main: boolean }).main, (seen as unknown as { twice: number }).twice], [true, 42]);
    else assert.match(run.stderr, /^to stderr\n$/);
    assert.equal(loadProfileSync(path.join(cwd, 'p.json')).meta.exitCode, 7);
  });
}

test('TypeScript ES modules import each other by their .js names, as tsc wants them written', () => {
  const { run, profile } = profileTo(path.join(FIXTURES, 'esm-main.mts'));
  assert.equal(run.stdout, '1 4 9\n');
  const { stats, frame } = functionNamed(profile, 'square');
  assert.deepEqual([stats.calls, frame.file, frame.line], [3, path.join(FIXTURES, 'esm-dep.ts'), 1]);
});

test('node_modules run uninstrumented (?) unless --trace-node-modules', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'node_modules/tiny'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules/tiny/package.json'), '{"name":"tiny","type":"module","exports":"./index.js"}');
  fs.writeFileSync(path.join(dir, 'node_modules/tiny/index.js'), 'export function inc(x) {\n  return x + 1;\n}\n');
  fs.writeFileSync(path.join(dir, 'main.mjs'), "import { inc } from 'tiny';\nlet x = 0;\nfor (let i = 0; i < 5; i++) x = inc(x);\n");
  const counts = (options: string[]): Array<number | null> => {
    const { profile } = profileTo(path.join(dir, 'main.mjs'), [...options, '--counts', 'instrument']);
    return profile.functions.filter((fn) => profile.frames[fn.frame]!.name === 'inc').map((fn) => fn.calls);
  };
  assert.ok(counts([]).every((calls) => calls === null));
  assert.deepEqual(counts(['--trace-node-modules']), [5]);
});

test('a program that throws: its error on stderr, exit 1, a complete profile', () => {
  const { run, profile } = profileTo(path.join(FIXTURES, 'throws.ts'));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /fixture failure after work/);
  assert.equal(profile.meta.exitCode, 1);
  assert.equal(functionNamed(profile, 'work').stats.calls, 1);
});

test('process.exit(3) mid-run: exit 3, a complete profile', () => {
  const { run, profile } = profileTo(path.join(FIXTURES, 'exit3.js'));
  assert.equal(run.status, 3, run.stderr);
  assert.equal(profile.meta.exitCode, 3);
  assert.equal(functionNamed(profile, 'step').stats.calls, 51);
});

for (const [signal, target, code] of [
  ['SIGINT', 'group', 130],
  ['SIGTERM', 'hotpath', 143],
] as const) {
  test(`${signal} sent to ${target === 'group' ? 'the process group (Ctrl-C)' : 'hotpath'} mid-run: exit ${code}, the profile so far`, async () => {
    const output = path.join(tempDir(), 'p.json');
    const ended = await interrupt(path.join(FIXTURES, 'wait-signal.mjs'), signal, target, output);
    assert.equal(ended.code, code, ended.stderr);
    const profile = loadProfileSync(output);
    assert.equal(profile.meta.signal, signal);
    assert.equal(profile.meta.exitCode, null);
    assert.equal(functionNamed(profile, 'spin').stats.calls! >= 1, true);
  });
}

for (const mode of ['sample', 'trace'] as const) {
  for (const [signal, target, code] of [
    ['SIGINT', 'group', 130],
    ['SIGTERM', 'hotpath', 143],
  ] as const) {
    test(`${mode} mode, ${signal} while the program is busy in a 60 s synchronous loop: exit ${code} at once, its exact calls so far`, async () => {
      const output = path.join(tempDir(), 'p.json');
      const ended = await interrupt(path.join(FIXTURES, 'busy-signal.mjs'), signal, target, output, ['--mode', mode]);
      assert.equal(ended.code, code, ended.stderr);
      assert.equal(ended.stderr, '');
      assert.ok(ended.afterSignalMs < 5000, `ended ${ended.afterSignalMs} ms after the signal`);
      const profile = loadProfileSync(output);
      assert.deepEqual([profile.meta.signal, profile.meta.exitCode], [signal, null]);
      // The program prints each call as it returns, and does nothing after its capture:
      // the count is every call printed, and the one running then if any.
      const { stats } = functionNamed(profile, 'spin');
      const printed = Math.max(...ended.stdout.split('\n').map(Number).filter(Number.isInteger));
      assert.ok(stats.calls === printed || stats.calls === printed + 1, `${stats.calls} calls, ${printed} printed`);
      assert.ok(stats.self > 0);
    });
  }
}

test('a program with its own SIGINT listener, busy when Ctrl-C comes: its listener decides, after its loop', async () => {
  const output = path.join(tempDir(), 'p.json');
  const ended = await interrupt(path.join(FIXTURES, 'busy-own-handler.mjs'), 'SIGINT', 'group', output);
  assert.equal(ended.code, 5, ended.stderr);
  assert.equal(ended.stdout, 'ready\nloop done\nhandled\n');
  assert.equal(loadProfileSync(output).meta.exitCode, 5);
});

test('compiled code is reported at its TypeScript source through source maps', () => {
  const { run, profile } = profileTo(path.join(FIXTURES, 'particles-small.ts'));
  assert.equal(run.status, 0, run.stderr);
  const simulator = path.join(REPO, 'packages/particles/src/simulator.ts');
  const { stats, frame } = functionNamed(profile, 'ParticleSimulator.evolve');
  assert.equal(frame.file, simulator);
  assert.equal(frame.line, lineOf(simulator, '  evolve(dt: number): void {'));
  assert.equal(stats.calls, 1);
});

test('an enum runs as tsc compiles it, its function at its .ts line', () => {
  const file = path.join(FIXTURES, 'enum.ts');
  const { run, profile } = profileTo(file, ['--mode', 'trace']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.split('\n')[0], '1 1 Green');
  const { frame } = functionNamed(profile, 'colour');
  assert.deepEqual([frame.file, frame.line], [file, lineOf(file, 'function colour(')]);
});

test("an error of hotpath's loader (a tsconfig.json it cannot read) is one line naming the file, exit 2, no table", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": ');
  const file = path.join(dir, 'main.ts');
  fs.writeFileSync(file, 'enum E { A }\nconsole.log(E.A);\n');
  const run = hotpath(['profile', file]);
  assert.equal(run.status, 2, run.stderr);
  const config = path.join(dir, 'tsconfig.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(run.stderr, new RegExp(`^hotpath profile: ${config}:\\d+:\\d+: [^\n]*\n$`));
  assert.equal(run.stdout, '');
});

test('bad usage: one line on stderr, exit 2, no stack trace', () => {
  for (const args of [
    ['profile'],
    ['profile', 'no/such/file.ts'],
    ['profile', '--bogus', 'examples/taylor.ts'],
    ['profile', '--mode', 'nope', 'examples/taylor.ts'],
    ['profile', '--interval', '0', 'examples/taylor.ts'],
    ['profile', '--sort', 'nope', 'examples/taylor.ts'],
  ]) {
    const run = hotpath(args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, `${args.join(' ')}: ${run.stderr}`);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
    assert.equal(run.stdout, '');
  }
});

test("-o x.prof writes what Python's pstats reads, with the exact counts (188000/750 for factorial)", () => {
  const out = path.join(tempDir(), 'taylor.prof');
  const run = hotpath(['profile', '--mode', 'trace', '-o', out, TAYLOR]);
  assert.equal(run.status, 0, run.stderr);
  const script = [
    'import pstats, sys',
    'stats = pstats.Stats(sys.argv[1]).stats',
    "print(*[f'{nc}/{cc}' for (file, line, name), (cc, nc, tt, ct, callers) in stats.items() if name == 'factorial'])",
  ].join('\n');
  const python = spawnSync('python3', ['-c', script, out], { encoding: 'utf8' });
  assert.equal(python.status, 0, `python3 with pstats is needed (apt-get install python3): ${python.stderr}`);
  assert.equal(python.stdout.trim(), '188000/750');
});

test('a large compiled file (its inline map far longer than 4 kB) keeps its TypeScript lines in both modes', () => {
  const dir = tempDir();
  const file = path.join(dir, 'big.ts');
  // An enum makes the loader compile the file; 400 functions make its map some 20 kB.
  const filler = Array.from({ length: 400 }, (_, i) => `export function f${i}(x: number): number {\n  return x + ${i};\n}\n`).join('');
  const hot =
    'function hot(): number {\n  let s = 0;\n  const end = Date.now() + 150;\n  while (Date.now() < end) s += Math.sqrt(s + Colour.Red);\n  return s;\n}\nconsole.log(hot() > 0);\n';
  fs.writeFileSync(file, `enum Colour { Red, Green }\n${filler}${hot}`);
  for (const mode of ['sample', 'trace']) {
    const { run, profile } = profileTo(file, ['--mode', mode]);
    assert.equal(run.status, 0, run.stderr);
    const { frame, stats } = functionNamed(profile, 'hot');
    assert.equal(frame.line, lineOf(file, 'function hot('), mode);
    if (mode === 'sample') assert.ok(stats.self > 0, 'its samples land on it');
  }
});
