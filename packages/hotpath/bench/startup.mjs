// hotpath's fixed cost per command: wall time of each command on an empty script, against
// plain `node` on the same script, runs interleaved (one round runs every command once, in
// order) so that the machine's load falls on all of them alike. Prints medians and each
// command's overhead over node; exits 1 when one exceeds the bar (--bar MS, default 50).
//
//   node packages/hotpath/bench/startup.mjs [--rounds N] [--bar MS] [--only NAME] [--bin PATH]
//
// Commands run through node_modules/.bin/hotpath, as a user's package.json script would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '15' },
    bar: { type: 'string', default: '50' },
    only: { type: 'string', multiple: true },
    // Other checkouts' hotpath (their node_modules/.bin/hotpath), to compare builds in one run.
    bin: { type: 'string', multiple: true },
  },
});
const rounds = Number(values.rounds);
const bar = Number(values.bar);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bins = (values.bin ?? [path.join(root, 'node_modules/.bin/hotpath')]).map((bin) => path.resolve(bin));
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-startup-'));
const script = path.join(dir, 'empty.js');
// Empty but for one function, which `hotpath lines -f f` needs to find (it is never called).
writeFileSync(script, 'export function f() {}\n');
writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');

const hotpathCommands = (bin) => [
  ['hotpath --version', [bin, '--version']],
  ['hotpath profile', [bin, 'profile', '-o', path.join(dir, 'p.json'), script]],
  ['hotpath profile --mode trace', [bin, 'profile', '--mode', 'trace', '-o', path.join(dir, 't.json'), script]],
  ['hotpath lines -f f', [bin, 'lines', '-f', 'f', script]],
  ["hotpath timeit -n 1 '0'", [bin, 'timeit', '-n', '1', '0']],
];
const commands = [
  ['node', [process.execPath, script]],
  ...hotpathCommands('').flatMap(([name], i) => bins.map((bin) => [bins.length > 1 ? `${name} (${bin})` : name, hotpathCommands(bin)[i][1]])),
].filter(([name]) => name === 'node' || !values.only || values.only.some((o) => name.includes(o)));

/** Wall time of one run, ms; the command must succeed (or the numbers mean nothing). */
function once([name, [file, ...args]]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, { cwd: dir, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  for (const command of commands) once(command); // warm the OS file cache and hotpath's own caches
  const times = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    commands.forEach((command, i) => times[i].push(once(command)));
    process.stderr.write(`\rround ${round + 1}/${rounds}`);
  }
  process.stderr.write('\n');
  const node = median(times[0]);
  const width = Math.max(...commands.map(([name]) => name.length));
  console.log(`${'command'.padEnd(width)}  median ms  over node ms`);
  let failed = false;
  commands.forEach(([name], i) => {
    const m = median(times[i]);
    const over = m - node;
    const mark = i > 0 && over > bar ? '  > bar' : '';
    failed ||= mark !== '';
    console.log(`${name.padEnd(width)}  ${m.toFixed(0).padStart(9)}  ${i === 0 ? '' : over.toFixed(0).padStart(12)}${mark}`);
  });
  console.log(`(${rounds} interleaved rounds; bar ${bar} ms over node)`);
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
