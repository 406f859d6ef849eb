// hotpath's callgrind file read by valgrind's callgrind_annotate (.ci/run installs valgrind),
// run from the project root as a user runs it, on a real sample profile of the particles
// benchmark: every function's self cost as hotpath has it, each function listed once.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { UNSAMPLED_CALLER } from '../src/export/callgrind.js';
import { displayFile, uniqueNames } from '../src/export/labels.js';
import { loadProfileSync } from '../src/model/file.js';
import { hotpath, profileExample, ROOT, runTool, tempDir } from './consumers.js';

const dir = tempDir('callgrind-viewer');
const file = profileExample(dir, 'particles-bench.ts', 'sample');
const profile = loadProfileSync(file);
const callgrind = path.join(dir, 'callgrind.out.particles');
hotpath(dir, 'convert', file, '-o', callgrind);

/** `callgrind_annotate` rows, `COST (PCT)  file:function`, as cost per row label. */
function annotate(...args: string[]): Map<string, number> {
  const out = runTool('callgrind_annotate', ['--auto=no', '--threshold=100', ...args, callgrind], ROOT);
  const rows = new Map<string, number>();
  for (const match of out.matchAll(/^ *([\d,]+) \( *[\d.]+%\)  (?!PROGRAM TOTALS)(.+)$/gm)) {
    assert.ok(!rows.has(match[2]!), `${match[2]} listed twice`);
    rows.set(match[2]!, Number(match[1]!.replace(/,/g, '')));
  }
  return rows;
}

test('callgrind_annotate from the project root: each function once, with the self time hotpath has', () => {
  const names = uniqueNames(profile);
  const want = new Map<string, number>();
  for (const f of profile.functions) {
    const frame = profile.frames[f.frame]!;
    if (Math.round(f.self) > 0) want.set(`${displayFile(frame.file, profile.meta.cwd) || '???'}:${names[f.frame]}`, Math.round(f.self));
  }
  const self = annotate();
  assert.deepEqual(new Map([...self].filter(([, cost]) => cost > 0)), want);
  assert.ok(self.has('packages/particles/src/simulator.ts:ParticleSimulator.evolve'), 'paths relative to the cwd');
  const inclusive = annotate('--inclusive=yes'); // listed every function twice with absolute fl= paths
  assert.equal(inclusive.get('examples/particles-bench.ts:<module> [examples/particles-bench.ts:1:1]')! > 0, true);
});

test('KCachegrind is not run (no batch mode to read its numbers from): its "Called" column sums calls= lines, checked in the file for a function never sampled', () => {
  const text = readFileSync(callgrind, 'utf8');
  const constructor = profile.functions.find((f) => profile.frames[f.frame]!.name === 'Particle.constructor')!;
  assert.equal(constructor.calls, 1000);
  assert.match(text, new RegExp(`^fn=\\(\\d+\\) ${UNSAMPLED_CALLER.replace(/[()]/g, '\\$&')}$`, 'm'));
  const id = /^c?fn=\((\d+)\) Particle\.constructor$/m.exec(text)![1];
  assert.match(text, new RegExp(`^cfn=\\(${id}\\)( Particle\\.constructor)?\ncalls=1000 \\d+\n0 0$`, 'm'));
});
