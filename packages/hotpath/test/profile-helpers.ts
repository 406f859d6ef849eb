// Running `hotpath profile` the way a user does, for the profile tests.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProfileSync } from '../src/model/file.js';
import type { Frame, FunctionStats, Profile } from '../src/model/profile.js';

export const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
/** packages/hotpath/test/fixtures (the sources: fixtures are not compiled). */
export const FIXTURES = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/** A fresh temporary directory. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-profile-test-'));
}

/** Runs `hotpath ...args` to the end. */
export function hotpath(args: string[], options: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? REPO, input: options.input ?? '' });
}

/** Profiles `script` with `-o` and returns the run and the saved profile. */
export function profileTo(script: string, options: string[] = [], args: string[] = []): { run: SpawnSyncReturns<string>; profile: Profile } {
  const output = path.join(tempDir(), 'profile.json');
  const run = hotpath(['profile', ...options, '-o', output, script, ...args]);
  if (!fs.existsSync(output)) throw new Error(`no profile written: ${run.stderr}`);
  return { run, profile: loadProfileSync(output) };
}

/** The stats and frame of the function named `name` (exactly). */
export function functionNamed(profile: Profile, name: string): { stats: FunctionStats; frame: Frame } {
  const stats = profile.functions.find((fn) => profile.frames[fn.frame]!.name === name);
  if (!stats) throw new Error(`no function ${name} in ${profile.frames.map((f) => f.name).join(', ')}`);
  return { stats, frame: profile.frames[stats.frame]! };
}

/** 1-based line of the first line of `file` that contains `text`. */
export function lineOf(file: string, text: string): number {
  const index = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`${text} not in ${file}`);
  return index + 1;
}

/**
 * Starts `hotpath profile [options] -o FILE script` in its own process group (as a terminal
 * runs a command), waits for the program to print "ready", sends `signal` to the group (as
 * Ctrl-C does) or to hotpath alone, and resolves with how hotpath ended, its stdout, and
 * how long after the signal it ended.
 */
export function interrupt(
  script: string,
  signal: NodeJS.Signals,
  target: 'group' | 'hotpath',
  output: string,
  options: string[] = [],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; afterSignalMs: number }> {
  const child = spawn(process.execPath, [BIN, 'profile', ...options, '-o', output, script], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalled = 0;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!signalled && stdout.includes('ready\n')) {
      signalled = performance.now();
      process.kill(target === 'group' ? -child.pid! : child.pid!, signal);
    }
  });
  return new Promise((resolve) => child.once('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr, afterSignalMs: performance.now() - signalled })));
}
