// What `hotpath mprof run` costs: wall time of the chapter's memory benchmark
// (examples/particles-memory.ts) run plainly (node with hotpath's TypeScript loader) and
// under `hotpath mprof run` (default 0.1 s interval), interleaved; prints medians and the
// ratio, exits 1 above the bar (--bar, default 1.05). `hotpath time` runs too: it carries the
// same command start-up as `mprof run` but samples nothing, which separates the CLI's fixed
// start-up cost from the sampler's.
//
//   node packages/hotpath/bench/mprof-overhead.mjs [--rounds N] [--bar RATIO]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, bar: { type: 'string', default: '1.05' } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const script = path.join(root, 'examples/particles-memory.ts');
const { REGISTER_MODULE } = await import(new URL('../dist/src/bench/typescript.js', import.meta.url).href);
const bin = path.join(root, 'node_modules/.bin/hotpath');
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-mprof-bench-'));

const commands = {
  plain: [process.execPath, ['--import', REGISTER_MODULE.href, script]],
  'hotpath time': [bin, ['time', script]],
  'mprof run': [bin, ['mprof', 'run', '-o', path.join(dir, 'run.dat'), script]],
};
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = 0; round < Number(values.rounds); round++) {
  for (const [name, [file, args]] of Object.entries(commands)) {
    const start = process.hrtime.bigint();
    const run = spawnSync(file, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = median(times.plain);
const mprof = median(times['mprof run']);
const time = median(times['hotpath time']);
const ratio = mprof / plain;
console.log(`plain       ${plain.toFixed(0)} ms (median of ${values.rounds})`);
console.log(`hotpath time ${time.toFixed(0)} ms   ${(time / plain).toFixed(3)}x (start-up alone)`);
console.log(`mprof run   ${mprof.toFixed(0)} ms   ${ratio.toFixed(3)}x (bar ${values.bar}x)`);
process.exitCode = ratio <= Number(values.bar) ? 0 : 1;
