#!/usr/bin/env node
// What trace-mode line profiling (`hotpath lines --mode trace`) costs per line event, on the
// chapter benchmark: bench/overhead/particles.mjs (1000 particles, evolve(0.1) once per
// process), under plain `node` and with `evolve` picked, interleaved round by round.
// Cost per line event = (traced wall - plain wall) / line events, where the line events are
// the sum of the table's hits (about 80 million: every statement hit, and one header event
// per loop iteration). "wall" is what the program measures around evolve. line_profiler pays
// about 240 ns per line event on the same loop in Python on this kind of machine.
// Usage: node packages/hotpath/bench/lines-overhead.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const program = path.join(here, 'overhead', 'particles.mjs');
const run = new URL('../dist/src/runner/run.js', import.meta.url).href;
const at = process.argv.indexOf('--runs');
const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;

// The traced run prints the program's JSON line, then the line events of evolve.
const driver = `const { runProfiled } = await import(${JSON.stringify(run)});
const r = await runProfiled(${JSON.stringify(program)}, [], { mode: 'trace', lines: { targets: ['evolve'] } });
console.log(r.profile.lines.reduce((sum, l) => sum + l.hits, 0));`;

function once(argv) {
  const result = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr}`);
  const [first, second] = result.stdout.trim().split('\n');
  return { wall: JSON.parse(first).wall / 1e6, events: second === undefined ? 0 : Number(second) };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const plain = [];
const traced = [];
for (let round = 0; round < runs; round++) {
  plain.push(once([program]));
  traced.push(once(['--input-type=module', '-e', driver]));
}
const base = median(plain.map((r) => r.wall));
const wall = median(traced.map((r) => r.wall));
const events = traced[0].events;
console.log(`node ${process.version}, ${runs} runs each, chapter benchmark (1000 particles, evolve(0.1)), medians`);
console.log(`plain node            ${base.toFixed(1).padStart(9)} ms`);
console.log(`lines --mode trace    ${wall.toFixed(1).padStart(9)} ms  ${(wall / base).toFixed(1)}x, ${events.toLocaleString('en-US')} line events`);
console.log(`cost per line event   ${(((wall - base) * 1e6) / events).toFixed(0).padStart(9)} ns  (line_profiler: ~240 ns)`);
