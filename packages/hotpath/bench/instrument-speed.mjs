// What the instrumenting pipeline costs a module as it loads: each capture's transform
// (call counters, the call tracer, both line captures with every function picked) on large
// real files, against acorn's bare parse of the same file. Rounds are interleaved (one round
// runs every transform once) so that the machine's load falls on all alike; prints the
// median milliseconds of each and its ratio to the parse.
//
//   node packages/hotpath/bench/instrument-speed.mjs [--rounds N] [--dist PATH ...]
//
// --dist: another build's packages/hotpath/dist (a checkout of an earlier commit, built),
// timed beside this one's in the same rounds, to compare builds on one machine at one time.
import * as acorn from 'acorn';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, dist: { type: 'string', multiple: true, default: [] } } });
const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const FILES = [
  { label: 'typescript/lib/_tsc.js', file: require.resolve('typescript/lib/_tsc.js'), sourceType: 'script' },
  { label: 'acorn/dist/acorn.mjs', file: path.join(path.dirname(require.resolve('acorn')), 'acorn.mjs'), sourceType: 'module' },
  { label: 'lodash/lodash.js', file: require.resolve('lodash/lodash.js'), sourceType: 'script' },
];

/** The four transforms of one build, as functions of (code, file, sourceType). */
async function transformsOf(dist) {
  const load = (part) => import(pathToFileURL(path.join(dist, 'src/capture', part)).href);
  const [count, trace, linesSample, linesTrace] = await Promise.all([
    load('count-transform.js'),
    load('trace/instrument.js'),
    load('lines-sample/transform.js'),
    load('lines-trace/transform.js'),
  ]);
  const one = () => 1;
  return {
    count: (code, file, sourceType) => count.instrumentCounts(code, { sourceType, allocateIds: one }),
    trace: (code, file, sourceType) => trace.instrument(code, { file, sourceType, allocateIds: one, sourceMap: false }),
    'lines sample --all': (code, file, sourceType) =>
      linesSample.instrumentLines(code, { sourceType, file, url: pathToFileURL(file).href, targets: [file], allocateIds: one, cwd: '/' }),
    'lines trace --all': (code, file, sourceType) => linesTrace.instrumentLines(code, { file, sourceType, targets: [file], cwd: '/', allocateSlots: one, sourceMap: false }),
  };
}

const builds = [{ name: 'this', dist: path.join(here, '../dist') }, ...values.dist.map((dist, i) => ({ name: `dist${i + 1}`, dist: path.resolve(dist) }))];
const cases = [];
for (const build of builds)
  for (const [name, run] of Object.entries(await transformsOf(build.dist))) cases.push({ name: builds.length > 1 ? `${name} (${build.name})` : name, run });
cases.unshift({
  name: 'acorn parse',
  run: (code, file, sourceType) => acorn.parse(code, { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: sourceType === 'script' }),
});

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const { label, file, sourceType } of FILES) {
  const code = readFileSync(file, 'utf8');
  const times = cases.map(() => []);
  for (let round = 0; round < Number(values.rounds); round++) {
    process.stderr.write(`\r${label}: round ${round + 1}/${values.rounds}`);
    cases.forEach((c, i) => {
      const start = performance.now();
      const result = c.run(code, file, sourceType);
      times[i].push(performance.now() - start);
      if (result === null || result?.ok === false) throw new Error(`${c.name} left ${label} alone: ${result?.error ?? 'null'}`);
    });
  }
  process.stderr.write('\n');
  const parse = median(times[0]);
  console.log(`${label} (${(code.length / 1e6).toFixed(1)} MB, median of ${values.rounds})`);
  cases.forEach((c, i) => console.log(`  ${c.name.padEnd(34)} ${median(times[i]).toFixed(0).padStart(6)} ms  ${(median(times[i]) / parse).toFixed(2)}x parse`));
}
