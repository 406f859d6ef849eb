#!/usr/bin/env node
// What trace mode costs, measured side by side with the plain program.
//
//   npm run build && node packages/hotpath/bench/trace-overhead.mjs [--runs 3] [--modes trace,sample] [--json]
//
// Programs (programs/): fib (fib(25), 242,785 calls a repetition), taylor (the chapter's
// examples/taylor.ts, 188,003 calls), particles (the chapter benchmark: 1000 particles,
// evolve(0.1), a handful of calls around one long loop).
//
// 1. Side by side, in one process (trace-ab.mjs): the program loaded twice, plain and
//    instrumented, repetitions alternated so a busy machine slows both alike; warm
//    repetitions (the first is dropped). ns/call = (traced - plain) / calls per repetition.
//    Repeated in --runs processes: the median and the best run are shown.
// 2. The whole command, as a user runs it: `node program` against
//    `hotpath profile --mode <mode> -o <tmp> program`, alternated, --runs times each: the
//    first repetition (cold: a program that runs once) and the process's wall time
//    (start-up, instrumenting, writing the profile included), medians.
// 3. If python3 is installed, cProfile's cost per call on the same fib and taylor code,
//    profiled vs plain, warm repetitions in one process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', 'bin', 'hotpath.js');
const PROGRAMS = [
  { name: 'fib', reps: 9, rounds: 15 },
  { name: 'taylor', reps: 9, rounds: 15 },
  { name: 'particles', reps: 3, rounds: 4 },
];

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    modes: { type: 'string', default: 'trace,sample' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const modes = values.modes.split(',');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs `node argv...` in programs/ and returns the last line of its stdout as JSON, with its wall time. */
function runNode(argv) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, {
    encoding: 'utf8',
    cwd: path.join(HERE, 'programs'),
  });
  const wall = Number(process.hrtime.bigint() - start);
  if (run.status !== 0) throw new Error(`node ${argv.join(' ')} failed:\n${run.stderr}`);
  return { ...JSON.parse(run.stdout.trim().split('\n').at(-1)), wall };
}

/** Part 1: warm repetitions, plain and traced alternated in one process. */
function sideBySide(program) {
  const perRun = [];
  for (let run = 0; run < runs; run++) {
    const result = runNode([path.join(HERE, 'trace-ab.mjs'), program.name, String(program.rounds)]);
    const plain = median(result.plain.slice(1));
    const traced = median(result.traced.slice(1));
    perRun.push({
      plain,
      traced,
      nsPerCall: (traced - plain) / result.callsPerRep,
      ratio: traced / plain,
    });
  }
  const best = perRun.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  return {
    program: program.name,
    callsPerRep: runNode([`${program.name}.mjs`, '1']).callsPerRep,
    plainMs: median(perRun.map((r) => r.plain)) / 1e6,
    tracedMs: median(perRun.map((r) => r.traced)) / 1e6,
    ratio: median(perRun.map((r) => r.ratio)),
    nsPerCall: median(perRun.map((r) => r.nsPerCall)),
    bestRatio: best.ratio,
    bestNsPerCall: best.nsPerCall,
  };
}

/** Part 2: the whole command, plain and under each mode, alternated. */
function wholeCommand(program, scratch) {
  const samples = { plain: [] };
  for (const mode of modes) samples[mode] = [];
  for (let run = 0; run < runs; run++) {
    samples.plain.push(runNode([`${program.name}.mjs`, String(program.reps)]));
    for (const mode of modes) {
      const output = path.join(scratch, `${program.name}-${mode}.json`);
      samples[mode].push(runNode([BIN, 'profile', '--mode', mode, '-o', output, `${program.name}.mjs`, String(program.reps)]));
    }
  }
  const cold = (list) => median(list.map((s) => s.times[0]));
  const wall = (list) => median(list.map((s) => s.wall));
  return modes.map((mode) => ({
    program: program.name,
    mode,
    plainColdMs: cold(samples.plain) / 1e6,
    profiledColdMs: cold(samples[mode]) / 1e6,
    coldRatio: cold(samples[mode]) / cold(samples.plain),
    plainWallMs: wall(samples.plain) / 1e6,
    profiledWallMs: wall(samples[mode]) / 1e6,
    wallRatio: wall(samples[mode]) / wall(samples.plain),
  }));
}

function main() {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hotpath-bench-'));
  try {
    const side = PROGRAMS.map(sideBySide);
    const whole = PROGRAMS.flatMap((program) => wholeCommand(program, scratch));
    const cprofile = measureCProfile();
    if (values.json) console.log(JSON.stringify({ node: process.version, runs, side, whole, cprofile }, null, 2));
    else printReport(side, whole, cprofile);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function printTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [head, ...rows]) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '));
}

function printReport(side, whole, cprofile) {
  const ms = (x) => `${x.toFixed(1)} ms`;
  const ratio = (x) => `${x.toFixed(2)}x`;
  const ns = (r, x) => (r.callsPerRep > 1000 ? x.toFixed(0) : '-');
  console.log(`Node ${process.version}; ${runs} runs each\n`);
  console.log('1. Trace mode, warm, plain and traced side by side in one process (median run; best run)');
  printTable(
    ['program', 'calls/rep', 'plain', 'traced', 'ratio', 'ns/call', 'best ratio', 'best ns/call'],
    side.map((r) => [r.program, String(r.callsPerRep), ms(r.plainMs), ms(r.tracedMs), ratio(r.ratio), ns(r, r.nsPerCall), ratio(r.bestRatio), ns(r, r.bestNsPerCall)]),
  );
  console.log('\n2. The whole command: `node program` vs `hotpath profile --mode M -o FILE program` (medians)');
  printTable(
    ['program', 'mode', 'cold plain', 'cold profiled', 'ratio', 'wall plain', 'wall profiled', 'ratio'],
    whole.map((r) => [r.program, r.mode, ms(r.plainColdMs), ms(r.profiledColdMs), ratio(r.coldRatio), ms(r.plainWallMs), ms(r.profiledWallMs), ratio(r.wallRatio)]),
  );
  if (!cprofile) return console.log('\n3. (python3 not found: no cProfile comparison)');
  console.log(`\n3. cProfile (Python ${cprofile.python}), same code, warm repetitions in one process`);
  for (const c of cprofile.programs) {
    console.log(`  ${c.program}: ${c.nsPerCall.toFixed(0)} ns per call (${ms(c.plainMs)} -> ${ms(c.profiledMs)})`);
  }
}

// The same fib and taylor in Python, timed plain and under cProfile, alternated.
const PYTHON = `
import cProfile, json, sys, time
sys.setrecursionlimit(5000)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def factorial(n):
    return 1.0 if n == 0 else n * factorial(n - 1)
def taylor_exp(n):
    return [1.0 / factorial(i) for i in range(n)]
def taylor_sin(n):
    return [(-1) ** ((i - 1) // 2) / factorial(i) if i % 2 == 1 else 0 for i in range(n)]
def taylor():
    taylor_exp(500); taylor_sin(500)
def once(fn, profiled):
    p = cProfile.Profile() if profiled else None
    if p: p.enable()
    t = time.perf_counter_ns(); fn(); elapsed = time.perf_counter_ns() - t
    if p: p.disable()
    return elapsed
def median(xs):
    return sorted(xs)[len(xs) // 2]
results = []
for name, fn, calls in [("fib", lambda: fib(22), 57313), ("taylor", taylor, 188003)]:
    plain, prof = [], []
    for _ in range(7):
        plain.append(once(fn, False)); prof.append(once(fn, True))
    p, q = median(plain), median(prof)
    results.append({"program": name, "plainMs": p / 1e6, "profiledMs": q / 1e6, "nsPerCall": (q - p) / calls})
print(json.dumps({"python": sys.version.split()[0], "programs": results}))
`;

function measureCProfile() {
  const run = spawnSync('python3', ['-c', PYTHON], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  return JSON.parse(run.stdout);
}

main();
