#!/usr/bin/env node
// What trace mode costs, measured side by side with the plain program.
//
//   npm run build && node packages/hotpath/bench/trace-overhead.mjs [--runs 5] [--modes trace,sample] [--json]
//
// For each program in programs/ (fib: 242,785 calls a repetition; taylor: the chapter's
// examples/taylor.ts, 188,003 calls; particles: the chapter benchmark, 1000 particles,
// evolve(0.1), a handful of calls) it alternates `node program` with
// `hotpath profile --mode <mode> -o <tmp> program`, --runs times each, and reads the
// times the program measures itself around its workload (so start-up, instrumenting and
// writing the profile are not in them; the whole command's wall time is reported apart).
// Reported, as medians over the runs:
// - cold: the first repetition in each process, as a program that runs once sees it;
// - warm: the median of the later repetitions (JIT-compiled code), the steady cost;
// - ns/call: (traced - plain) / calls per repetition, warm and cold;
// - wall: the whole command's wall time, traced / plain.
// If python3 is installed, cProfile's own cost per call on the same fib and taylor code
// is measured the same way (profiled vs plain, warm repetitions), for comparison.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', 'bin', 'hotpath.js');
const PROGRAMS = [
  { name: 'fib', reps: 9 },
  { name: 'taylor', reps: 9 },
  { name: 'particles', reps: 3 },
];

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    modes: { type: 'string', default: 'trace,sample' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const modes = values.modes.split(',');
const scratch = mkdtempSync(path.join(tmpdir(), 'hotpath-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Runs a command that prints the program's JSON line; returns its times and wall time. */
function measure(argv) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: path.join(HERE, 'programs') });
  const wall = Number(process.hrtime.bigint() - start);
  if (run.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${run.stderr}`);
  const line = run.stdout.trim().split('\n').at(-1);
  return { ...JSON.parse(line), wall };
}

function summarize(samples) {
  const cold = median(samples.map((s) => s.times[0]));
  const warm = median(samples.map((s) => median(s.times.slice(1))));
  return { cold, warm, wall: median(samples.map((s) => s.wall)) };
}

function main() {
  const results = PROGRAMS.flatMap(benchProgram);
  rmSync(scratch, { recursive: true, force: true });
  const cprofile = measureCProfile();
  if (values.json) console.log(JSON.stringify({ node: process.version, runs, results, cprofile }, null, 2));
  else printTable(results, cprofile);
}

/** One row per mode for `program`: plain and profiled runs alternated. */
function benchProgram(program) {
  const script = `${program.name}.mjs`;
  const samples = { plain: [] };
  for (const mode of modes) samples[mode] = [];
  for (let run = 0; run < runs; run++) {
    // Alternated, so a machine that gets busier or quieter affects both alike.
    samples.plain.push(measure([script, String(program.reps)]));
    for (const mode of modes) {
      const output = path.join(scratch, `${program.name}-${mode}.json`);
      samples[mode].push(measure([BIN, 'profile', '--mode', mode, '-o', output, script, String(program.reps)]));
    }
  }
  const calls = samples.plain[0].callsPerRep;
  const plain = summarize(samples.plain);
  return modes.map((mode) => {
    const profiled = summarize(samples[mode]);
    return {
      program: program.name,
      mode,
      callsPerRep: calls,
      plainColdMs: plain.cold / 1e6,
      profiledColdMs: profiled.cold / 1e6,
      coldRatio: profiled.cold / plain.cold,
      plainWarmMs: plain.warm / 1e6,
      profiledWarmMs: profiled.warm / 1e6,
      warmRatio: profiled.warm / plain.warm,
      nsPerCallWarm: (profiled.warm - plain.warm) / calls,
      nsPerCallCold: (profiled.cold - plain.cold) / calls,
      wallRatio: profiled.wall / plain.wall,
    };
  });
}

function printTable(rows, cprof) {
  console.log(`Node ${process.version}, medians of ${runs} runs (plain and profiled alternated)\n`);
  const head = ['program', 'mode', 'calls/rep', 'cold plain', 'cold prof.', 'ratio', 'warm plain', 'warm prof.', 'ratio', 'ns/call warm', 'ns/call cold', 'wall ratio'];
  const body = rows.map((r) => [
    r.program, r.mode, String(r.callsPerRep),
    `${r.plainColdMs.toFixed(1)} ms`, `${r.profiledColdMs.toFixed(1)} ms`, `${r.coldRatio.toFixed(2)}x`,
    `${r.plainWarmMs.toFixed(1)} ms`, `${r.profiledWarmMs.toFixed(1)} ms`, `${r.warmRatio.toFixed(2)}x`,
    r.callsPerRep > 1000 ? r.nsPerCallWarm.toFixed(0) : '-', r.callsPerRep > 1000 ? r.nsPerCallCold.toFixed(0) : '-',
    `${r.wallRatio.toFixed(2)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  for (const row of [head, ...body]) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '));
  if (cprof) {
    console.log(`\ncProfile (${cprof.python}), same code, warm repetitions:`);
    for (const c of cprof.programs) console.log(`  ${c.program}: ${c.nsPerCall.toFixed(0)} ns per call (${c.plainMs.toFixed(1)} ms -> ${c.profiledMs.toFixed(1)} ms)`);
  } else {
    console.log('\n(python3 not found: no cProfile comparison)');
  }
}

// The same two programs in Python, timed plain and under cProfile in one process.
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
def timed(fn, profiled, reps):
    out = []
    for _ in range(reps):
        p = cProfile.Profile() if profiled else None
        if p: p.enable()
        t = time.perf_counter_ns(); fn(); out.append(time.perf_counter_ns() - t)
        if p: p.disable()
    return sorted(out)[len(out) // 2]
results = []
for name, fn, calls in [("fib", lambda: fib(22), 57313), ("taylor", taylor, 188003)]:
    plain = timed(fn, False, 7); prof = timed(fn, True, 7)
    results.append({"program": name, "plainMs": plain / 1e6, "profiledMs": prof / 1e6, "nsPerCall": (prof - plain) / calls})
print(json.dumps({"python": sys.version.split()[0], "programs": results}))
`;

function measureCProfile() {
  const run = spawnSync('python3', ['-c', PYTHON], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  return JSON.parse(run.stdout);
}

main();
