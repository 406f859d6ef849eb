// Profiles for the `hotpath view` tests: the Taylor profile of fixtures.ts pointed at a real
// taylor.ts (so the report can inline its source), a profile whose names are markup, and a
// generated profile with a 100,000-node call tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFrame } from '../src/model/frames.js';
import type { Frame, LineStats, Profile } from '../src/model/profile.js';
import { F, profileFromTree, taylorProfile, treeBuilder } from './fixtures.js';

/** taylor.ts with factorial on line 1, taylorExp on 5, taylorSin on 10 and main on 17. */
export const TAYLOR_SOURCE = `export function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

export function taylorExp(x: number): number {
  let sum = 0;
  for (let i = 0; i < 500; i++) sum += x ** i / factorial(i);
  return sum;
}
export function taylorSin(x: number): number {
  let sum = 0;
  for (let i = 0; i < 500; i++) {
    if (i % 2 === 1) sum += ((-1) ** ((i - 1) / 2) * x ** i) / factorial(i);
  }
  return sum;
}
function main(): void {
  console.log(taylorExp(1), taylorSin(1));
}
main();
`;

/**
 * The Taylor profile with its frames in `dir/examples/taylor.ts`, written there, and the
 * profile's cwd `dir`; with `lines`, factorial's two lines carry line_profiler-style stats.
 */
export function taylorViewProfile(dir: string, { lines = false } = {}): Profile {
  const file = path.join(dir, 'examples', 'taylor.ts');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, TAYLOR_SOURCE);
  // Written before the profile's start time, so the report does not flag it as changed.
  fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  const profile = taylorProfile({ cwd: dir });
  for (const frame of profile.frames) if (frame.file !== '') frame.file = file;
  if (lines) profile.lines = factorialLines();
  return profile;
}

function factorialLines(): LineStats[] {
  return [
    { frame: F.factorial, line: 1, hits: 188_000, time: 9_000_000 },
    { frame: F.factorial, line: 2, hits: 188_000, time: 38_000_000 },
  ];
}

/** A function name that is an HTML element with an event handler. */
export const XSS_NAME = '<img src=x onerror="window.__pwned=1">';
/** A name that would close a script element. */
export const XSS_SCRIPT = '</script><script>window.__pwned=2</script>';

/**
 * A profile whose function names, file name, source text and command are markup that would
 * set `window.__pwned` if it ever ran.
 */
export function xssProfile(dir: string): Profile {
  const file = path.join(dir, '"><svg onload="window.__pwned=3">.ts');
  fs.writeFileSync(file, `function run() {\n  return '</script><img src=x onerror="window.__pwned=4">';\n}\n`);
  fs.utimesSync(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
  const frames = [makeFrame('(root)', '', 0, 0), makeFrame(XSS_NAME, file, 1, 1), makeFrame(XSS_SCRIPT, file, 1, 1)];
  const { tree, add } = treeBuilder(0);
  const outer = add(0, 1, 3, 2_000_000);
  add(outer, 2, 6, 1_000_000);
  return profileFromTree(frames, tree, { cwd: dir, command: ['<b>bold</b>', '<script>window.__pwned=5</script>'] });
}

/** xorshift32: the same numbers on every run and platform. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/**
 * A profile with a call tree of `nodes` nodes over `functions` functions in 20 files: half the
 * nodes continue a recent path (chains), half hang anywhere (breadth), depth kept under 80;
 * self times heavy-tailed, so most of the time sits in few nodes, as in real profiles.
 */
export function largeProfile(nodes = 100_000, functions = 2_000): Profile {
  const next = random(42);
  const frames: Frame[] = [makeFrame('(root)', '', 0, 0)];
  for (let i = 1; i <= functions; i++) frames.push(makeFrame(`fn${i}`, `/proj/src/module${i % 20}.ts`, 1 + ((i * 7) % 400), 1));
  const { tree, add } = treeBuilder(0);
  const depth = [0];
  for (let i = 1; i < nodes; i++) {
    let parent = next() < 0.5 ? Math.max(0, i - 1 - Math.floor(next() * 50)) : Math.floor(next() * i);
    if (depth[parent]! >= 80) parent = Math.floor(next() * Math.min(i, 100));
    const frame = 1 + Math.floor(next() * functions);
    add(parent, frame, 1 + Math.floor(next() * 100), Math.floor(next() ** 4 * 2_000_000));
    depth.push(depth[parent]! + 1);
  }
  return profileFromTree(frames, tree, { command: ['large.ts'], cwd: '/proj', duration: 1_000_000_000 });
}
