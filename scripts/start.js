#!/usr/bin/env node
// `npm start`: the worked example end to end. Runs each section's command in order,
// streaming its output, and stops at the first failure with that command's exit code.
// Later steps of the project add a section per hotpath tool (profile, line profile,
// memory, bytecode, ...) to SECTIONS.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const particles = 'packages/particles/bin/particles.js';

/**
 * What to show, in order. `command` runs with Node from the repository root; `shown`
 * is how a reader would type it (the bins are on the path after `npm ci`).
 */
const SECTIONS = [
  {
    title: 'The benchmark: 1000 particles, dt 0.1, each method of the library and its JavaScript twins',
    shown: 'npx particles bench',
    command: [particles, 'bench'],
  },
];

function main() {
  if (!existsSync(new URL('../packages/particles/dist/src/index.js', import.meta.url))) {
    console.error('start: the packages are not built; run `npm ci` (or `npm run build`) first');
    return 1;
  }
  console.log('hotpath worked example: the particle simulator, measured step by step');
  for (const [index, section] of SECTIONS.entries()) {
    const status = runSection(index + 1, section);
    if (status !== 0) return status;
  }
  return 0;
}

/** Runs one section; returns its exit status (128 + signal number when killed). */
function runSection(number, { title, shown, command }) {
  console.log(`\n## ${number}. ${title}\n\n$ ${shown}`);
  const result = spawnSync(process.execPath, command, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    console.error(`start: could not run \`${shown}\`: ${result.error.message}`);
    return 1;
  }
  if (result.signal) {
    console.error(`start: \`${shown}\` was killed by ${result.signal}`);
    return 128 + (constants.signals[result.signal] ?? 0);
  }
  if (result.status !== 0) console.error(`start: \`${shown}\` failed with exit code ${result.status}`);
  return result.status ?? 1;
}

process.exitCode = main();
