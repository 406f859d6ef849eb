#!/usr/bin/env node
// Builds the C++ reference of the engine benchmark (bench/native/evolve.cpp) with g++ into
// dist/native/: evolve-O3 (-O3), evolve-native (-O3 -march=native -ffast-math) and
// evolve-exact (-march=native but no fused or reassociated arithmetic: evolve's bits). Without
// g++ it says so and exits 0: the benchmark then runs without the C++ rows.
import { spawnSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const source = `${here}bench/native/evolve.cpp`;
const outDir = `${here}dist/native`;
export const BUILDS = [
  { name: 'evolve-O3', flags: ['-O3'] },
  { name: 'evolve-native', flags: ['-O3', '-march=native', '-ffast-math'] },
  // sqrt without errno lets g++ vectorize it; contraction off keeps a * b + c two roundings.
  { name: 'evolve-exact', flags: ['-O3', '-march=native', '-fno-math-errno', '-ffp-contract=off'] },
];

const probe = spawnSync('g++', ['--version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.error('build-native: no g++ on the PATH; the engine benchmark will run without its C++ rows');
  process.exit(0);
}
mkdirSync(outDir, { recursive: true });
for (const { name, flags } of BUILDS) {
  // Built under a temporary name and renamed: a half-written binary is never run.
  const temporary = `${outDir}/${name}.${process.pid}.tmp`;
  const result = spawnSync('g++', [...flags, '-std=c++17', '-o', temporary, source], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`build-native: g++ ${flags.join(' ')} failed on ${source}`);
    process.exit(1);
  }
  renameSync(temporary, `${outDir}/${name}`);
  console.error(`build-native: dist/native/${name} (g++ ${flags.join(' ')})`);
}
