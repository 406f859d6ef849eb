// `particles bench`, its measuring loop and the plain-JavaScript twins. No assertion here
// depends on how fast anything runs: timings on shared machines are too noisy for tests.
// The speed claims live in the README, from a real run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { METHODS, randomParticles, stepCount, type Method } from '../src/index.js';
import { measure, summarize, type BenchCase, type Clock } from '../src/bench/measure.js';
import { IMPLEMENTATIONS, runParticleBench, simulate } from '../src/bench/particles.js';
import { formatTable, type Environment } from '../src/bench/report.js';
import * as plain from '../src/twins/plain.js';
import * as trap from '../src/twins/trap.js';

const BIN = fileURLToPath(new URL('../../bin/particles.js', import.meta.url));
const SMALL = ['--n', '50', '--dt', '0.001', '--rounds', '3'];

function bench(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, 'bench', ...args], { encoding: 'utf8' });
}

/** A clock that advances `stepNs` each time it is read. */
function fakeClock(stepNs: bigint): Clock {
  let now = 0n;
  return () => (now += stepNs);
}

// --- the twins ---------------------------------------------------------------------

for (const impl of IMPLEMENTATIONS.slice(1)) {
  for (const method of METHODS) {
    test(`${impl.label} twin: ${method} gives the library's positions bit for bit`, () => {
      const start = randomParticles(40, 9);
      const library = simulate(IMPLEMENTATIONS[0]!, start);
      const twin = simulate(impl, start);
      library[method](0.003);
      twin[method](0.003);
      assert.deepEqual(positions(twin.particles), positions(library.particles));
    });
  }

  test(`${impl.label} twin: evolveFast agrees with the library's evolve within 1e-12`, () => {
    const library = simulate(IMPLEMENTATIONS[0]!, randomParticles(40, 9));
    const twin = simulate(impl, randomParticles(40, 9));
    library.evolve(0.01);
    twin.evolveFast(0.01);
    twin.particles.forEach((p, i) => {
      const q = library.particles[i]!;
      assert.ok(Math.abs(p.x - q.x) < 1e-12 && Math.abs(p.y - q.y) < 1e-12, `particle ${i}`);
    });
  });

  test(`${impl.label} twin: refuses bad input like the library`, () => {
    assert.throws(() => new impl.ParticleSimulator([new impl.Particle(0, 0, 1)]), {
      name: 'RangeError',
      message: /particle 0 is at the origin/,
    });
    const sim = new impl.ParticleSimulator([new impl.Particle(1, 0, 1)]);
    assert.throws(() => sim.evolve(-1), { name: 'RangeError', message: /dt must be a finite number >= 0/ });
  });
}

function positions(particles: readonly { x: number; y: number }[]): number[][] {
  return particles.map((p) => [p.x, p.y]);
}

test('the built trap twin still declares its class fields; the plain twin declares none', () => {
  // The build could quietly delete `x;` (tsc does so when useDefineForClassFields is off),
  // turning the trap into the plain twin: check the code V8 actually loaded.
  const fields = /^\s*(x|y|angVel);\s*$/gm;
  assert.equal(trap.Particle.toString().match(fields)?.length, 3);
  assert.equal(plain.Particle.toString().match(fields), null);
  assert.match(trap.ParticleSimulator.toString(), /^\s*particles;\s*$/m);
});

// --- the measuring loop ------------------------------------------------------------

function countingCase(name: string, log: string[], result = 1): BenchCase {
  return {
    name,
    prepare: () => ({ run: () => log.push(name), checksum: () => result }),
  };
}

test('measure: warms up, then interleaves the rounds, timing with the injected clock', () => {
  const log: string[] = [];
  const cases = [countingCase('a', log), countingCase('b', log)];
  const lines: string[] = [];
  const results = measure(cases, {
    rounds: 3,
    warmupRounds: 1,
    warmupNs: 0,
    clock: fakeClock(1000n),
    onProgress: (line) => lines.push(line),
  });
  assert.deepEqual(log, ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
  // Each timed round reads the clock twice, 1000 ns apart.
  assert.deepEqual(results[0]!.samplesNs, [1000, 1000, 1000]);
  assert.equal(results[1]!.stats.medianNs, 1000);
  assert.deepEqual(lines, ['warming up a', 'warming up b', 'round 1/3', 'round 2/3', 'round 3/3']);
});

test('measure: warm-up lasts at least warmupNs', () => {
  const log: string[] = [];
  // 10 ns a read; the warm-up loop reads the clock three times a round (one check, two in
  // the round), so 30 ns a round: 100 ns takes 4 rounds.
  measure([countingCase('a', log)], { rounds: 1, warmupRounds: 1, warmupNs: 100, clock: fakeClock(10n) });
  assert.equal(log.length, 4 + 1);
});

test('measure: a checksum that changes between rounds is an error naming the case', () => {
  let round = 0;
  const drifting: BenchCase = {
    name: 'leaky',
    prepare: () => ({ run: () => {}, checksum: () => round++ }),
  };
  assert.throws(() => measure([drifting], { rounds: 2, warmupRounds: 0, warmupNs: 0 }), {
    message: /leaky: round 2 gave checksum 1, round 1 gave 0/,
  });
});

test('summarize: median, extremes and linearly interpolated quartiles', () => {
  assert.deepEqual(summarize([5, 1, 4, 2, 3]), { medianNs: 3, minNs: 1, maxNs: 5, q1Ns: 2, q3Ns: 4 });
  assert.deepEqual(summarize([4, 1, 2, 3]), { medianNs: 2.5, minNs: 1, maxNs: 4, q1Ns: 1.75, q3Ns: 3.25 });
  assert.throws(() => summarize([]), RangeError);
});

// --- the particle benchmark and its table ------------------------------------------

function fakeRun(methods: Method[], dt = 0.001) {
  return runParticleBench({ n: 10, dt, seed: 1, rounds: 2, methods, warmupNs: 0, clock: fakeClock(500n) });
}

test('runParticleBench: one row per method and implementation, ops and ratios worked out', () => {
  const report = fakeRun(['evolve', 'evolveExact']);
  assert.deepEqual(
    report.rows.map((row) => `${row.method}/${row.code}`),
    ['evolve', 'evolveExact'].flatMap((m) => IMPLEMENTATIONS.map((impl) => `${m}/${impl.code}`)),
  );
  const [evolve, , , exact] = report.rows;
  assert.equal(report.steps, stepCount(0.001));
  assert.deepEqual([evolve!.op, evolve!.ops], ['particle-step', 10 * report.steps]);
  assert.deepEqual([exact!.op, exact!.ops], ['particle', 10]);
  assert.equal(exact!.nsPerOp, 500 / 10);
  assert.ok(
    report.rows.every((row) => row.ratio === 1),
    'every round took 500 fake ns',
  );
  assert.deepEqual(report.baseline, { method: 'evolve', code: 'typescript' });
});

test('runParticleBench: the twins give the same checksum as the library', () => {
  const report = fakeRun(['evolve']);
  const [ts, js, trapRow] = report.rows.map((row) => row.checksum);
  assert.equal(js, ts);
  assert.equal(trapRow, ts);
});

test('runParticleBench refuses bad settings before measuring', () => {
  assert.throws(() => fakeRun([]), { message: /no methods/ });
  assert.throws(() => fakeRun(['evolve'], -1), { name: 'RangeError', message: /dt must be/ });
});

test('the table labels its columns, the spread and the op, and shows – where no op ran', () => {
  const env: Environment = { node: 'v20', v8: '11', platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'cpu' };
  const table = formatTable(fakeRun(['evolve', 'evolveExact'], 1e-6), env);
  assert.match(table, /10 particles \(seed 1\) advanced by dt 0\.000001 = 0 Euler steps of 1e-5/);
  assert.match(table, /spread = min–max/);
  assert.match(table, /^method +code +median +spread \(min–max\) +ns\/op +op +vs TS evolve$/m);
  assert.match(table, /^evolve +TypeScript +500 ns +500–500 ns +– +particle-step +1\.00x$/m);
  assert.match(table, /^evolveExact +class-field trap +500 ns +500–500 ns +50\.0 +particle +1\.00x$/m);
});

// --- the command line --------------------------------------------------------------

test('particles bench prints a row per method and implementation, progress on stderr', () => {
  const { status, stdout, stderr } = bench(...SMALL);
  assert.equal(status, 0, stderr);
  for (const method of METHODS) {
    for (const impl of IMPLEMENTATIONS) {
      assert.match(stdout, new RegExp(`^${method} +${impl.label} +\\S`, 'm'), `${method} ${impl.label}`);
    }
  }
  assert.match(stdout, /50 particles \(seed 42\)/);
  assert.match(stderr, /round 3\/3/);
  assert.doesNotMatch(stdout, /round \d/);
});

test('particles bench --json prints the report as JSON', () => {
  const { status, stdout, stderr } = bench(...SMALL, '--json', '--method', 'evolveFast,evolve');
  assert.equal(status, 0, stderr);
  const report = JSON.parse(stdout);
  assert.equal(report.benchmark, 'particles');
  assert.deepEqual([report.n, report.dt, report.rounds, report.seed], [50, 0.001, 3, 42]);
  assert.equal(report.environment.node, process.version);
  assert.deepEqual(report.baseline, { method: 'evolve', code: 'typescript' });
  assert.equal(report.rows.length, 2 * IMPLEMENTATIONS.length);
  for (const row of report.rows) {
    for (const field of ['medianNs', 'minNs', 'maxNs', 'q1Ns', 'q3Ns', 'nsPerOp', 'ratio', 'checksum']) {
      assert.equal(typeof row[field], 'number', `${row.method}/${row.code}: ${field}`);
    }
    assert.equal(row.samplesNs.length, 3);
    assert.equal(row.op, 'particle-step');
  }
  assert.deepEqual(
    report.rows.map((row: { method: string }) => row.method),
    [...Array(3).fill('evolve'), ...Array(3).fill('evolveFast')],
  );
  assert.equal(report.rows[0].ratio, 1);
});

test('particles bench: --method is repeatable and takes comma lists', () => {
  const { status, stdout, stderr } = bench(...SMALL, '--json', '--method', 'evolveExact', '--method', 'evolveFast');
  assert.equal(status, 0, stderr);
  const methods = new Set(JSON.parse(stdout).rows.map((row: { method: string }) => row.method));
  assert.deepEqual([...methods], ['evolveFast', 'evolveExact']);
});

for (const [args, message] of [
  [['--n', '0'], /--n must be a positive integer/],
  [['--n', 'many'], /--n must be a positive integer/],
  [['--dt', '-0.1'], /--dt must be a finite number > 0/],
  [['--rounds', '2.5'], /--rounds must be a positive integer/],
  [['--seed', ''], /--seed must be an integer/],
  [['--method', 'evolve,warp'], /unknown method 'warp'; choose from evolve, evolveFast, evolveExact/],
  [['--fast'], /unknown option '--fast'/],
] as const) {
  test(`particles bench ${args.join(' ')}: one-line error, exit 2`, () => {
    const { status, stdout, stderr } = bench(...args);
    assert.equal(status, 2);
    assert.equal(stdout, '');
    assert.match(stderr, message);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  });
}
