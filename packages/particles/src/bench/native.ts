/**
 * The C++ reference rows of the engine benchmark: bench/native/evolve.cpp, built by
 * scripts/build-native.mjs with g++ into dist/native/ (by `npm ci` when g++ is there).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One build of the reference. */
export interface NativeBuild {
  code: 'c++-O3' | 'c++-native' | 'c++-native-soa' | 'c++-exact-soa';
  label: string;
  path: string;
  /** The layout the binary is run with: the chapter's structs, or the engines' arrays. */
  layout: 'aos' | 'soa';
}

/** This file is dist/src/bench/native.js; the binaries are in dist/native/. */
const DIR = fileURLToPath(new URL('../../native/', import.meta.url));

const FAST = '-O3 -march=native -ffast-math';
const BUILDS: readonly NativeBuild[] = [
  { code: 'c++-O3', label: 'C++ structs, g++ -O3', path: `${DIR}evolve-O3`, layout: 'aos' },
  { code: 'c++-native', label: `C++ structs, g++ ${FAST}`, path: `${DIR}evolve-native`, layout: 'aos' },
  { code: 'c++-native-soa', label: `C++ arrays, g++ ${FAST}`, path: `${DIR}evolve-native`, layout: 'soa' },
  {
    code: 'c++-exact-soa',
    label: 'C++ arrays, g++ -O3 -march=native -fno-math-errno -ffp-contract=off',
    path: `${DIR}evolve-exact`,
    layout: 'soa',
  },
];

/** The builds present on this machine (none without g++ at install time). */
export function nativeBuilds(): NativeBuild[] {
  return BUILDS.filter((build) => existsSync(build.path));
}

/**
 * One timed round of `build`: it draws randomParticles(n, seed), takes one untimed round
 * (caches and clock warm) and one timed one, and reports that round's time and checksum.
 *
 * @throws Error when the binary fails or prints something else.
 */
export function nativeRound(build: NativeBuild, n: number, steps: number, seed: number): { ns: number; checksum: number } {
  const result = spawnSync(build.path, [build.layout, String(n), String(steps), String(seed), '2'], { encoding: 'utf8' });
  const last = result.stdout?.trim().split('\n').at(-1)?.split(' ');
  if (result.status !== 0 || last?.length !== 2) {
    throw new Error(`${build.path} failed (status ${result.status}): ${result.stderr || result.error?.message}`);
  }
  return { ns: Number(last[0]), checksum: Number(last[1]) };
}
