// How long `go tool pprof` takes to read hotpath's pprof of a deep call tree, and what in the
// file it grows with. pprof has no prefix sharing: every sample (one per call-tree node) holds
// its whole stack, so the file and the reading time grow with the sum of the stack depths.
// The tree is generated like a trace of tsc: 2,821 functions, nodes mostly below a recent node.
//
//   npm run build && node packages/hotpath/bench/pprof-read.mjs [nodes ...]   (needs golang-go)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pprofExporter } from '../dist/src/export/pprof.js';
import { callGraphFromTree } from '../dist/src/model/build.js';

const FUNCTIONS = 2_821;

function deepProfile(nodes) {
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const frames = [{ name: '(root)', file: '', line: 0, column: 0, category: 'special' }];
  for (let i = 1; i <= FUNCTIONS; i++) {
    frames.push({ name: i % 10 === 0 ? '(anonymous)' : `fn${i}`, file: `/proj/lib/_tsc${i % 7}.js`, line: i * 3, column: 5, category: 'user' });
  }
  const tree = [{ id: 0, parent: -1, frame: 0, calls: 1, self: 0 }];
  const depth = [0];
  for (let id = 1; id < nodes; id++) {
    let parent = random() < 0.9 ? Math.max(0, id - 1 - Math.floor(random() * 20)) : Math.floor(random() * id);
    if (depth[parent] > 150) parent = Math.floor(random() * 100);
    depth.push(depth[parent] + 1);
    tree.push({ id, parent, frame: 1 + Math.floor(random() * FUNCTIONS), calls: 1 + Math.floor(random() * 100), self: Math.floor(random() * 100_000) });
  }
  const meta = {
    command: ['tsc.js'],
    mode: 'trace',
    interval: null,
    startTime: '2026-12-02T00:00:00.000Z',
    duration: 1e12,
    nodeVersion: process.version,
    exitCode: 0,
    signal: null,
    cwd: '/proj',
    hotpathVersion: '0',
    notes: [],
    exactness: { calls: 'exact', edges: 'exact', time: 'measured' },
  };
  const stackEntries = depth.reduce((sum, d) => sum + d, 0);
  return { profile: { unit: 'ns', meta, frames, ...callGraphFromTree(tree, frames.length), tree }, stackEntries };
}

// `go tool pprof -raw file`'s wall and CPU (user + system) seconds, timed by bash.
function readTime(file, dir) {
  const script = `TIMEFORMAT='%R %U %S'; time go tool pprof -raw "$1" > /dev/null`;
  const run = spawnSync('bash', ['-c', script, 'bash', file], { encoding: 'utf8', env: { ...process.env, PPROF_TMPDIR: dir } });
  if (run.error || run.status !== 0) throw new Error(`go tool pprof failed: ${run.error?.message ?? run.stderr}`);
  const [wall, user, system] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system };
}

const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-pprof-read-'));
const mib = (n) => `${(n / (1 << 20)).toFixed(1)} MiB`;
try {
  console.log('nodes    stack refs  file       unzipped   go tool pprof -raw: wall, cpu');
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [30_000, 100_000, 300_000];
  for (const nodes of sizes) {
    const { profile, stackEntries } = deepProfile(nodes);
    const bytes = pprofExporter.write(profile);
    const file = path.join(dir, `deep-${nodes}.pb.gz`);
    writeFileSync(file, bytes);
    const { wall, cpu } = readTime(file, dir);
    const refs = `${(stackEntries / 1e6).toFixed(1)} M`;
    console.log(
      `${String(nodes).padEnd(8)} ${refs.padStart(8)}    ${mib(statSync(file).size).padEnd(10)} ${mib(gunzipSync(bytes).length).padEnd(10)} ${wall.toFixed(1)} s, ${cpu.toFixed(1)} s`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
