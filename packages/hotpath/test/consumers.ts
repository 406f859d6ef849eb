// Shared by the tests that open hotpath's output in the real programs that read each format
// (viewer-*.test.ts): the hotpath CLI, a real trace of the Taylor example, and where each
// program is.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Profile } from '../src/model/profile.js';

/** The repository's root: the examples are run from there, as the README runs them. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join(ROOT, 'packages/hotpath/bin/hotpath.js');

/** Debian's Chromium (.ci/run installs it); playwright-core drives it, nothing is downloaded. */
export const CHROMIUM = process.env['HOTPATH_CHROMIUM'] ?? '/usr/bin/chromium';
/** Flags for a headless Chromium that never reaches the network. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh temporary folder. */
export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `hotpath-${name}-`));
}

/** Runs `hotpath ...args` in `cwd`; fails the test unless it exits 0. Returns stdout. */
export function hotpath(cwd: string, ...args: string[]): string {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `hotpath ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Runs a program; fails the test unless it exits 0. Returns stdout. */
export function runTool(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, env, maxBuffer: 64 << 20 });
  assert.equal(run.error, undefined, `${command}: ${run.error?.message}`);
  assert.equal(run.status, 0, `${command} ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/**
 * `hotpath profile --mode <mode> -o dir/<name>.json examples/<script>` from the repository
 * root; returns the profile file.
 */
export function profileExample(dir: string, script: string, mode: 'trace' | 'sample', ...options: string[]): string {
  const file = path.join(dir, `${path.basename(script, '.ts')}-${mode}.json`);
  hotpath(ROOT, 'profile', '--mode', mode, ...options, '-o', file, `examples/${script}`);
  return file;
}

/**
 * The total time of function `name` (one call of it: its samples in one run) as DevTools and
 * speedscope read a cpuprofile of `profile`'s timeline: V8 puts a `(garbage collector)` sample
 * under the root, and they put it on top of the stack of the sample before, so a function's
 * total holds the collections between its samples. ns.
 */
export function totalWithCollections(profile: Profile, name: string): number {
  const timeline = profile.timelines![0]!;
  const inside = new Set<number>();
  for (const node of profile.tree!) if (profile.frames[node.frame]!.name === name || inside.has(node.parent)) inside.add(node.id);
  const isCollection = (node: number): boolean => node >= 0 && profile.frames[profile.tree![node]!.frame]!.name === '(garbage collector)';
  // A collection goes on the stack of the sample before it: counted where that stack was inside.
  let total = 0;
  let lastInside = false;
  for (let i = 0; i < timeline.nodes.length; i++) {
    const node = timeline.nodes[i]!;
    if (isCollection(node)) {
      if (lastInside) total += timeline.durations[i]!;
      continue;
    }
    lastInside = inside.has(node);
    if (lastInside) total += timeline.durations[i]!;
  }
  return total;
}
