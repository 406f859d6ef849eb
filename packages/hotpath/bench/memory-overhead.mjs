// What `hotpath memory -f benchmarkMemory` costs on the chapter's memory benchmark
// (examples/particles-memory.ts: 100,000 particles made in a loop, evolve(0.001)), against the
// same program run plainly (node with hotpath's TypeScript loader), interleaved round by
// round; medians of the whole command's wall time. `hotpath lines --mode trace` on the same
// function runs too: the same instrumentation reading the clock instead of memory, which
// separates what reading memory costs from what line tracing and start-up cost. memory_profiler
// costs 15x on the Python version of this benchmark; the bar is 3x (--bar).
//
//   node packages/hotpath/bench/memory-overhead.mjs [--rounds N] [--bar RATIO]
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, bar: { type: 'string', default: '3' } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const script = path.join(root, 'examples/particles-memory.ts');
const { REGISTER_MODULE } = await import(new URL('../dist/src/bench/typescript.js', import.meta.url).href);
const bin = path.join(root, 'node_modules/.bin/hotpath');

const commands = {
  plain: [process.execPath, ['--import', REGISTER_MODULE.href, script]],
  'lines --mode trace': [bin, ['lines', '--mode', 'trace', '-f', 'benchmarkMemory', script]],
  memory: [bin, ['memory', '-f', 'benchmarkMemory', script]],
  'memory --backend rss': [bin, ['memory', '--backend', 'rss', '-f', 'benchmarkMemory', script]],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < Number(values.rounds); round++) {
  process.stderr.write(`round ${round + 1}/${values.rounds}\r`);
  for (const [name, [file, args]] of Object.entries(commands)) {
    const start = process.hrtime.bigint();
    const run = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root });
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
process.stderr.write('\n');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = median(times.plain);
console.log(`node ${process.version}, ${values.rounds} interleaved rounds, medians of the whole command's wall time`);
for (const name of Object.keys(commands)) {
  const ms = median(times[name]);
  console.log(`${name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / plain).toFixed(2)}x`);
}
const ratio = median(times.memory) / plain;
console.log(`hotpath memory: ${ratio.toFixed(2)}x (bar ${values.bar}x; memory_profiler: 15x)`);
process.exitCode = ratio <= Number(values.bar) ? 0 : 1;
