#!/usr/bin/env node
// `npm start`: the worked example end to end. Runs each section's command in order,
// streaming its output, and stops at the first failure with that command's exit code.
// Each hotpath tool adds a section to SECTIONS; files it writes land in out/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const particles = 'packages/particles/bin/particles.js';

/**
 * What to show, in order. `command` runs with Node from the repository root; `shown`
 * is how a reader would type it (the bins are on the path after `npm ci`).
 */
const hotpath = 'packages/hotpath/bin/hotpath.js';
const out = 'out'; // reports and exported profiles land here (git-ignored)
const setup = ['-s', "import { ParticleSimulator, randomParticles } from 'particles'", '-s', 'const sim = new ParticleSimulator(randomParticles(1000, 42))'];

const SECTIONS = [
  {
    title: "time: the whole command, as the shell's time (with its peak memory); evolve against evolveFast",
    shown: "npx hotpath time -r 3 'node examples/evolve.mjs evolve' 'node examples/evolve.mjs evolveFast'",
    command: [hotpath, 'time', '-r', '3', 'node examples/evolve.mjs evolve', 'node examples/evolve.mjs evolveFast'],
  },
  {
    title: 'The benchmark: 1000 particles, dt 0.1, each method of the library and its JavaScript twins',
    shown: 'npx particles bench',
    command: [particles, 'bench'],
  },
  {
    title: 'The engines side by side: objects, typed arrays, WebAssembly SIMD, worker threads, and C++',
    shown: 'npx particles bench --engine all --dt 0.02 --rounds 3',
    command: [particles, 'bench', '--engine', 'all', '--dt', '0.02', '--rounds', '3'],
  },
  {
    title: 'timeit: one statement, as python -m timeit',
    shown: `npx hotpath timeit -s "import { ... } from 'particles'" -s "const sim = ..." "sim.evolve(0.1)"`,
    command: [hotpath, 'timeit', ...setup, 'sim.evolve(0.1)'],
  },
  {
    title: 'The benchmark tests under the benchmark fixture, as pytest-benchmark',
    shown: 'npx hotpath bench packages/particles/bench/',
    command: [hotpath, 'bench', 'packages/particles/bench/'],
  },
  {
    title: 'Where the time goes: the chapter benchmark profiled (sample mode, exact call counts)',
    shown: 'npx hotpath profile --limit 8 examples/particles-bench.ts',
    command: [hotpath, 'profile', '--limit', '8', 'examples/particles-bench.ts'],
  },
  {
    title: 'The wasm engine profiled: its WebAssembly functions are rows of the profile by name',
    shown: 'npx hotpath profile --limit 6 packages/particles/examples/engine-bench.ts wasm',
    command: [hotpath, 'profile', '--limit', '6', 'packages/particles/examples/engine-bench.ts', 'wasm'],
  },
  {
    title: 'cProfile on the Taylor series: trace mode counts every call (188000/750)',
    shown: `npx hotpath profile --mode trace -o ${out}/taylor.json examples/taylor.ts && npx hotpath stats ${out}/taylor.json`,
    command: [hotpath, 'profile', '--mode', 'trace', '-o', `${out}/taylor.json`, 'examples/taylor.ts'],
    then: [[hotpath, 'stats', `${out}/taylor.json`]],
  },
  {
    title: "pstats' print_callers: who calls factorial",
    shown: `npx hotpath stats ${out}/taylor.json --callers factorial`,
    command: [hotpath, 'stats', `${out}/taylor.json`, '--callers', 'factorial'],
  },
  {
    title: 'line_profiler: hits and time of every line of evolve (sample mode, exact hits)',
    shown: 'npx hotpath lines -f evolve examples/particles-bench.ts',
    command: [hotpath, 'lines', '-f', 'evolve', 'examples/particles-bench.ts'],
  },
  {
    title: "dis: evolve's and evolveFast's bytecode counted line by line, as the chapter compares them",
    shown: 'npx hotpath dis --compare ParticleSimulator.evolve ParticleSimulator.evolveFast examples/dis-evolve.ts',
    command: [hotpath, 'dis', '--compare', 'ParticleSimulator.evolve', 'ParticleSimulator.evolveFast', 'examples/dis-evolve.ts'],
  },
  {
    title: "memory_profiler: the memory of every line of the chapter's benchmark_memory (100,000 particles)",
    shown: 'npx hotpath memory -f benchmarkMemory examples/particles-memory.ts',
    command: [hotpath, 'memory', '-f', 'benchmarkMemory', 'examples/particles-memory.ts'],
  },
  {
    title: "mprof: the same program's memory over time, recorded and drawn",
    shown: `npx hotpath mprof run -o ${out}/mprofile.dat examples/particles-memory.ts && npx hotpath mprof plot ${out}/mprofile.dat -o ${out}/memory.svg`,
    command: [hotpath, 'mprof', 'run', '-o', `${out}/mprofile.dat`, 'examples/particles-memory.ts'],
    then: [[hotpath, 'mprof', 'plot', `${out}/mprofile.dat`, '-o', `${out}/memory.svg`]],
  },
  {
    title: 'The same profile for KCachegrind, Graphviz, Python pstats, speedscope and an HTML report',
    shown:
      `npx hotpath convert ${out}/taylor.json -o ${out}/callgrind.out.taylor  (and .dot, .pstats, .speedscope.json)` +
      ` && npx hotpath view ${out}/taylor.json -o ${out}/taylor.html`,
    command: [hotpath, 'convert', `${out}/taylor.json`, '-o', `${out}/callgrind.out.taylor`],
    then: [
      [hotpath, 'convert', `${out}/taylor.json`, '-o', `${out}/taylor.dot`],
      [hotpath, 'convert', `${out}/taylor.json`, '-o', `${out}/taylor.pstats`],
      [hotpath, 'convert', `${out}/taylor.json`, '-o', `${out}/taylor.speedscope.json`],
      [hotpath, 'view', `${out}/taylor.json`, '-o', `${out}/taylor.html`],
    ],
  },
];

function main() {
  if (!existsSync(new URL('../packages/particles/dist/src/index.js', import.meta.url))) {
    console.error('start: the packages are not built; run `npm ci` (or `npm run build`) first');
    return 1;
  }
  console.log('hotpath worked example: the particle simulator, measured step by step');
  mkdirSync(new URL(`../${out}`, import.meta.url), { recursive: true });
  for (const [index, section] of SECTIONS.entries()) {
    const status = runSection(index + 1, section);
    if (status !== 0) return status;
  }
  return 0;
}

/** Runs one section; returns its exit status (128 + signal number when killed). */
function runSection(number, { title, shown, command, then = [] }) {
  console.log(`\n## ${number}. ${title}\n\n$ ${shown}`);
  for (const step of [command, ...then]) {
    const status = runStep(step, shown);
    if (status !== 0) return status;
  }
  return 0;
}

/** Runs one command of a section; returns its exit status. */
function runStep(command, shown) {
  const result = spawnSync(process.execPath, command, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    console.error(`start: could not run \`${shown}\`: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`start: \`${shown}\` was killed by ${result.signal}`);
    return 128 + (constants.signals[result.signal] ?? 0);
  }
  if (result.status !== 0) console.error(`start: \`${shown}\` failed with exit code ${result.status}`);
  return result.status ?? 1;
}

process.exitCode = main();
