// Running a program under every hotpath mode and under its reference runner (node, tsx),
// for the loader tests: what each mode reports for a function and for a line.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { hotpath, REPO, tempDir } from './profile-helpers.js';

const TSX = path.join(REPO, 'node_modules/tsx/dist/cli.mjs');

/** The program run as its users run it: `tsx` for TypeScript and JSX (or `runner` `tsx`), `node` otherwise. */
export function reference(script: string, cwd: string, runner: 'auto' | 'tsx' = 'auto'): SpawnSyncReturns<string> {
  const args = runner === 'tsx' || /\.(?:[mc]?ts|[jt]sx)$/.test(script) ? [TSX, script] : [script];
  return spawnSync(process.execPath, args, { encoding: 'utf8', cwd });
}

/** The capture modes of `hotpath profile`. */
export const PROFILE_MODES = ['sample', 'trace'] as const;

/** `hotpath profile --mode MODE -o FILE script` in `cwd`: its run and saved profile. */
export function profileIn(cwd: string, script: string, mode: (typeof PROFILE_MODES)[number]): { run: SpawnSyncReturns<string>; profile: Profile } {
  const output = path.join(tempDir(), 'profile.json');
  const run = hotpath(['profile', '--mode', mode, '-o', output, script], { cwd });
  if (!fs.existsSync(output)) throw new Error(`no profile written: ${run.stderr}`);
  return { run, profile: loadProfileSync(output) };
}

/** `hotpath lines --mode MODE -f name... -o FILE script` in `cwd`: its run and saved line stats. */
export function linesIn(cwd: string, script: string, mode: 'sample' | 'trace', functions: string[]): { run: SpawnSyncReturns<string>; profile: Profile } {
  const output = path.join(tempDir(), 'lines.json');
  const run = hotpath(['lines', '--mode', mode, ...functions.flatMap((f) => ['-f', f]), '-o', output, script], { cwd });
  if (!fs.existsSync(output)) throw new Error(`no line stats written: ${run.stderr}`);
  return { run, profile: loadProfileSync(output) };
}

/** Where a profile puts the function named `name`: `file:line`, the file relative to `cwd`. */
export function whereIs(profile: Profile, name: string, cwd: string): string[] {
  return profile.frames.filter((f) => f.name === name).map((f) => `${path.relative(cwd, f.file)}:${f.line}`);
}

/** The lines of a line profile with hits, as `file:line=hits`, file relative to `cwd`. */
export function hitLines(profile: Profile, cwd: string): string[] {
  return (profile.lines ?? []).filter((l) => (l.hits ?? 0) > 0).map((l) => `${path.relative(cwd, profile.frames[l.frame]!.file)}:${l.line}=${l.hits}`);
}
