// What formatting a program's stacks costs under hotpath: a program that formats 10,000
// `new Error().stack` (10 frames of its own each), timed inside the program, under its
// reference runner (node for the .js program, tsx for the .ts one) and under hotpath's
// modes, runs interleaved (one round runs every command once) so that the machine's load
// falls on all of them alike. Prints the median microseconds per stack of each command, and
// checks that each run formatted the same text as the reference (the same length in all).
// `node --enable-source-maps` is there for scale: Node's own source-mapped formatting, which
// hotpath leaves to the frames that need it (a TypeScript file's, as tsx does).
//
//   node packages/hotpath/bench/error-stacks.mjs [--rounds N] [--stacks N] [--bin PATH]
//
// --bin: another checkout's hotpath (its packages/hotpath/bin/hotpath.js), run beside this
// one's, to compare builds in one run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '11' }, stacks: { type: 'string', default: '10000' }, bin: { type: 'string', multiple: true } },
});
const rounds = Number(values.rounds);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hotpath = path.join(root, 'node_modules/.bin/hotpath');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-error-stacks-'));

const program = (types) => `// Formats ${values.stacks} stacks 10 frames deep, all of them this file's.
function deeper(n${types ? ': number' : ''}, then${types ? ': () => number' : ''})${types ? ': number' : ''} {
  return n === 0 ? then() : deeper(n - 1, then);
}
function format(count${types ? ': number' : ''})${types ? ': number' : ''} {
  let chars = 0;
  for (let i = 0; i < count; i++) chars += new Error('probe').stack${types ? '!' : ''}.length;
  return chars;
}
const count = Number(process.argv[2]);
deeper(8, () => format(count / 10)); // warm up
const start = performance.now();
const chars = deeper(8, () => format(count));
console.log(JSON.stringify({ us: ((performance.now() - start) * 1000) / count, chars }));
`;
writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
writeFileSync(path.join(dir, 'stacks.js'), program(false));
writeFileSync(path.join(dir, 'stacks.ts'), program(true));
const out = path.join(dir, 'out.json');

const hotpathRuns = (bin, label) => ({
  js: [
    [`hotpath profile stacks.js${label}`, [bin, 'profile', '-o', out, 'stacks.js']],
    [`hotpath profile --mode trace stacks.js${label}`, [bin, 'profile', '--mode', 'trace', '-o', out, 'stacks.js']],
    [`hotpath lines -f format stacks.js${label}`, [bin, 'lines', '-f', 'format', '-o', out, 'stacks.js']],
  ],
  ts: [
    [`hotpath profile stacks.ts${label}`, [bin, 'profile', '-o', out, 'stacks.ts']],
    [`hotpath profile --mode trace stacks.ts${label}`, [bin, 'profile', '--mode', 'trace', '-o', out, 'stacks.ts']],
  ],
});
const builds = [hotpathRuns(hotpath, ''), ...(values.bin ?? []).map((bin) => hotpathRuns(path.resolve(bin), ` (${bin})`))];
const commands = [
  ['node stacks.js', [process.execPath, 'stacks.js']],
  ['node --enable-source-maps stacks.js', [process.execPath, '--enable-source-maps', 'stacks.js']],
  ...builds.flatMap((build) => build.js),
  ['tsx stacks.ts', [tsx, 'stacks.ts']],
  ...builds.flatMap((build) => build.ts),
];
// Each command's reference: the first command of its program.
const referenceOf = (name) => (name.includes('stacks.js') ? 'node stacks.js' : 'tsx stacks.ts');

/** One run: microseconds per stack and the length of all the stacks' text. */
function once([name, [file, ...args]]) {
  const result = spawnSync(file, [...args, values.stacks], { cwd: dir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr.trim().split('\n').at(-1)}`);
  return JSON.parse(result.stdout.split('\n')[0]);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  const chars = new Map(commands.map((command) => [command[0], once(command).chars])); // also warms caches
  for (const [name] of commands) {
    const expected = chars.get(referenceOf(name));
    // Another build may format differently (the point of comparing): only this one's must match.
    if (chars.get(name) !== expected && !name.includes('--enable-source-maps') && !name.endsWith(')'))
      throw new Error(`${name} formatted ${chars.get(name)} characters, its reference ${expected}`);
  }
  const times = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    commands.forEach((command, i) => times[i].push(once(command).us));
    process.stderr.write(`\rround ${round + 1}/${rounds}`);
  }
  process.stderr.write('\n');
  const width = Math.max(...commands.map(([name]) => name.length));
  console.log(`${'command'.padEnd(width)}  µs per stack  × reference`);
  commands.forEach(([name], i) => {
    const m = median(times[i]);
    const reference = median(times[commands.findIndex(([other]) => other === referenceOf(name))]);
    console.log(`${name.padEnd(width)}  ${m.toFixed(2).padStart(12)}  ${(m / reference).toFixed(2).padStart(11)}`);
  });
  console.log(`(medians of ${rounds} interleaved rounds, ${values.stacks} stacks of 10 frames each per run)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
