// What memory profiling costs on the chapter's memory benchmark (examples/particles-memory.ts,
// timed from inside by overhead/particles-memory.mjs), each variant once per process,
// interleaved round by round (order rotated), medians and ratios to the plain run:
//   node           node with hotpath's TypeScript loader (what every hotpath command runs it with),
//   hotpath time   the same under `hotpath time`: the CLI's start-up alone, nothing sampled,
//   profile --heap `hotpath profile --heap` (V8's sampling heap profiler in the process),
//   mprof run      `hotpath mprof run` (resident memory read from /proc every 0.1 s, outside).
// wall and cpu are the program's own time (the example's import and run), command the whole
// command, hotpath's start-up and the profile's writing included. The bars (profile --heap
// 1.2x, mprof run 1.05x) are checked on the program's wall time; exits 1 above one.
//   node packages/hotpath/bench/mprof-overhead.mjs [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CELLS_HEADER, cells, median, once } from './lib/measure.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' } } });
const runs = Number(values.runs);
const here = path.dirname(fileURLToPath(import.meta.url));
const program = path.join(here, 'overhead/particles-memory.mjs');
const bin = path.join(here, '../bin/hotpath.js');
const register = path.join(here, '../dist/src/bench/register.js');
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-mprof-bench-'));
const plain = ['--import', register, program];

const variants = {
  node: plain,
  'hotpath time': [bin, 'time', process.execPath, ...plain],
  'profile --heap': [bin, 'profile', '--heap', '-o', path.join(dir, 'heap.json'), program],
  'mprof run': [bin, 'mprof', 'run', '-o', path.join(dir, 'run.dat'), process.execPath, ...plain],
};
const BARS = { 'profile --heap': 1.2, 'mprof run': 1.05 };

const names = Object.keys(variants);
const results = Object.fromEntries(names.map((name) => [name, []]));
for (const name of names) once(variants[name]); // warm-up: the loader's cache, the disk
for (let round = 0; round < runs; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    results[name].push(once(variants[name]));
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`node ${process.version}, examples/particles-memory.ts, ${runs} runs each, medians (ratio to node)`);
console.log(`${'variant'.padEnd(15)} ${CELLS_HEADER}`);
for (const name of names) console.log(`${name.padEnd(15)} ${cells(results[name], results.node)}`);
const wall = (name) => median(results[name].map((r) => r.wall));
let missed = false;
for (const [name, bar] of Object.entries(BARS)) {
  const ratio = wall(name) / wall('node');
  missed ||= ratio > bar;
  console.log(`${name}: program wall ${ratio.toFixed(3)}x, bar ${bar}x: ${ratio <= bar ? 'met' : 'MISSED'}`);
}
process.exitCode = missed ? 1 : 0;
