#!/usr/bin/env node
// The readers under fuzz: `hotpath stats`, `convert` (every format), `view`, `lines --show`
// and `bench --compare` run on generated inputs made from real files (captured here first
// with `hotpath profile -o`, `node --cpu-prof`, `hotpath lines -o`, `hotpath bench --save`):
// empty files, random bytes, truncations, wrong-shape JSON, mutated fields (negative, NaN,
// -0, 1e308, out-of-range ids, cycles, broken parent links) and 100,000-deep chains. Every run
// must be a clean error (exit 2, one stderr line naming the file, no output touched, no
// temporary file left) or a valid output; crashes, hangs and bad outputs are counted.
//
// Usage: node packages/hotpath/bench/fuzz-readers.mjs [--count 3000] [--seed 1] [--jobs 2]
//          [--timeout 20] [--budget SECONDS] [--bin path/to/bin/hotpath.js] [--save-failures DIR]
// (--budget: start no run after that many seconds, and report the runs done)
// (build first: npm run build). The test `fuzz-readers.test.ts` runs the same with a small
// budget in `npm test`.
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist');
const { generateInputs } = await import(pathToFileURL(path.join(dist, 'test/fuzz/inputs.js')).href);
const { captureSeeds, haveExternalCheckers, runAll, tally } = await import(pathToFileURL(path.join(dist, 'test/fuzz/run.js')).href);

const options = { count: 3000, seed: 1, jobs: 2, timeout: 20, budget: Infinity, bin: path.join(here, '../bin/hotpath.js'), saveFailures: null };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
  if (!(key in options)) throw new Error(`unknown option ${argv[i]}`);
  options[key] = typeof options[key] === 'number' ? Number(argv[i + 1]) : argv[i + 1];
}

const dir = fs.mkdtempSync(path.join(tmpdir(), 'hotpath-fuzz-'));
try {
  const repo = path.join(here, '../../..');
  const programs = {
    script: path.join(repo, 'examples/taylor.ts'),
    plain: path.join(here, 'programs/taylor.mjs'),
    benchImport: pathToFileURL(path.join(dist, 'src/index.js')).href,
  };
  const started = Date.now();
  const { seeds, benchFile } = captureSeeds(path.join(here, '../bin/hotpath.js'), path.join(dir, 'seeds'), programs);
  const inputs = generateInputs(seeds, options.count, options.seed);
  const externalCheckers = haveExternalCheckers();
  process.stderr.write(
    `fuzz: ${inputs.length} inputs from ${seeds.length} real files (seed ${options.seed}), ${options.jobs} at a time, ${options.timeout} s limit each, bin ${options.bin}\n`,
  );
  if (!externalCheckers) process.stderr.write('fuzz: python3 or callgrind_annotate missing: pstats and callgrind outputs checked by shape only\n');
  const ctx = { bin: path.resolve(options.bin), dir: path.join(dir, 'runs'), benchFile, seeds, timeoutMs: options.timeout * 1000, externalCheckers };
  const results = await runAll(inputs, ctx, options.jobs, options.budget * 1000, (result, done) => {
    if (result.verdict !== 'error' && result.verdict !== 'accepted') {
      process.stderr.write(`  ${result.verdict}: ${result.command} on ${result.input.seed} [${result.input.mutation.slice(0, 80)}]: ${result.detail.slice(0, 300)}\n`);
    }
    if (done % 250 === 0) process.stderr.write(`fuzz: ${done}/${inputs.length}\n`);
  });
  report(results, Date.now() - started);
  if (options.saveFailures) saveFailures(results, options.saveFailures);
  const counts = tally(results);
  process.exitCode = counts.crash + counts.hang + counts['bad-output'] > 0 ? 1 : 0;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

function report(results, ms) {
  const verdicts = ['error', 'accepted', 'crash', 'hang', 'bad-output'];
  const byCommand = new Map();
  for (const r of results) {
    const row = byCommand.get(r.command) ?? Object.fromEntries(verdicts.map((v) => [v, 0]));
    row[r.verdict]++;
    byCommand.set(r.command, row);
  }
  const width = Math.max(...[...byCommand.keys()].map((k) => k.length), 7);
  const line = (name, row) => `${name.padEnd(width)} ${verdicts.map((v) => String(row[v]).padStart(10)).join(' ')}`;
  console.log(`${'command'.padEnd(width)} ${verdicts.map((v) => v.padStart(10)).join(' ')}`);
  for (const [name, row] of [...byCommand].sort()) console.log(line(name, row));
  console.log(line('all', tally(results)));
  console.log(`${results.length} runs in ${(ms / 1000).toFixed(0)} s`);
}

function saveFailures(results, target) {
  fs.mkdirSync(target, { recursive: true });
  results
    .filter((r) => r.verdict !== 'error' && r.verdict !== 'accepted')
    .forEach((r, i) => {
      const ext = r.input.kind === 'cpuprofile' ? '.cpuprofile' : '.json';
      fs.writeFileSync(path.join(target, `${String(i).padStart(4, '0')}-${r.verdict}${ext}`), r.input.bytes);
      fs.appendFileSync(path.join(target, 'index.txt'), `${i} ${r.verdict} ${r.command} ${r.input.seed} ${r.input.mutation.slice(0, 200)} :: ${r.detail}\n`);
    });
}
