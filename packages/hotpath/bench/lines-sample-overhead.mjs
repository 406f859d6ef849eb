#!/usr/bin/env node
// The overhead of sample-mode line profiling (`hotpath lines`, --mode sample) on the chapter
// benchmark: bench/overhead/particles.mjs (1000 particles, evolve(0.1) once per process),
// under plain `node` and with `evolve` picked (block counters in evolve + V8's --prof log),
// interleaved round by round; medians side by side. "wall" and "cpu" are what the program
// measures around evolve (CPU time is the whole process's, V8's sampler thread included);
// "command" is the whole command, hotpath's start-up and the log's reading included.
// Usage: node packages/hotpath/bench/lines-sample-overhead.mjs [--runs N] [--interval MS]
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CELLS_HEADER, cells, once } from './lib/measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const program = path.join(here, 'overhead', 'particles.mjs');
const run = new URL('../dist/src/runner/run.js', import.meta.url).href;
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = option('--runs', 11);
const interval = option('--interval', 1);

const driver = `const { runProfiled } = await import(${JSON.stringify(run)});
const r = await runProfiled(${JSON.stringify(program)}, [], { lines: { targets: ['evolve'] }, interval: ${interval} });
const hits = r.profile.lines.filter((l) => l.hits !== null).map((l) => l.hits);
if (Math.max(...hits) !== 1e7) throw new Error('unexpected hits ' + hits);`;
const variants = {
  node: [program],
  [`lines sample (${interval} ms)`]: ['--input-type=module', '-e', driver],
};

const names = Object.keys(variants);
const results = new Map(names.map((name) => [name, []]));
once(variants[names[1]]); // warm the disk and caches
for (let round = 0; round < runs; round++) {
  for (const name of round % 2 ? [...names].reverse() : names) results.get(name).push(once(variants[name]));
}

console.log(`node ${process.version}, ${runs} runs each, chapter benchmark (1000 particles, evolve(0.1)), medians (ratio to plain node)`);
console.log(`${'variant'.padEnd(24)} ${CELLS_HEADER}`);
const base = results.get('node');
for (const name of names) {
  console.log(`${name.padEnd(24)} ${cells(results.get(name), base)}`);
}
