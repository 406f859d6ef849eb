// hotpath's callgrind file read by valgrind's callgrind_annotate (run from the project root as a
// user runs it) and by KCachegrind (its window read as a screen reader reads it), on a real
// sample profile of the particles benchmark: every function listed once with the self cost
// hotpath has, and in KCachegrind the exact call counts. .ci/run installs both.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
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

/**
 * What KCachegrind shows for `file`: its status bar and its flat profile's rows, read from its
 * window through the accessibility interface (test/consumers/kcachegrind-flat.py), in an X
 * server of its own (Xvfb) and a D-Bus session of its own. Costs as numbers.
 */
function kcachegrindFlatProfile(file: string): { total: number; rows: Map<string, { incl: number; self: number; called: number }> } {
  const script = path.join(ROOT, 'packages/hotpath/test/consumers/kcachegrind-flat.py');
  // Qt's accessibility bridge now and then misses the bus at start-up (see the script): a
  // window that never shows is tried again, twice at most.
  let run: SpawnSyncReturns<string> | undefined;
  for (let attempt = 0; attempt < 3 && run?.status !== 0; attempt++) {
    run = spawnSync('xvfb-run', ['-a', 'dbus-run-session', '--', '/usr/bin/python3', script, file], { cwd: path.dirname(file), encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.error, undefined, `xvfb-run: ${run.error?.message}`);
  }
  assert.equal(run!.status, 0, `KCachegrind: ${run!.stdout}${run!.stderr}`);
  // The accessibility registry it starts prints a line of its own first.
  const shown = JSON.parse(run!.stdout.trim().split('\n').at(-1)!) as { status: string; rows: Record<string, string>[]; log: string };
  assert.doesNotMatch(shown.log, /Loading .*:/, 'KCachegrind warned while loading the file');
  const number = (text: string): number => Number(text.replace(/\D/g, '')); // "1 234 567", "(0)"
  const rows = new Map<string, { incl: number; self: number; called: number }>();
  for (const row of shown.rows) {
    assert.ok(!rows.has(row.function!), `${row.function} listed twice`);
    rows.set(row.function!, { incl: number(row.incl!), self: number(row.self!), called: number(row.called!) });
  }
  return { total: number(/Cost: (.*)$/.exec(shown.status)![1]!), rows };
}

test('KCachegrind (in Xvfb, read through its accessibility tree): every function once with the self time and exact calls hotpath has, a never-sampled one included, and the same total', () => {
  const shown = kcachegrindFlatProfile(callgrind);
  const names = uniqueNames(profile);
  assert.equal(shown.total, Math.round(profile.functions.reduce((sum, f) => sum + f.self, 0)));
  const listed = [...profile.functions.map((f) => names[f.frame]!), UNSAMPLED_CALLER].sort();
  assert.deepEqual([...shown.rows.keys()].sort(), listed, "each function once, and the unsampled callers' pseudo-function");
  for (const f of profile.functions) {
    const row = shown.rows.get(names[f.frame]!);
    assert.ok(row, `${names[f.frame]} is not in KCachegrind's flat profile`);
    assert.equal(row.self, Math.round(f.self), `${names[f.frame]}: self`);
    const file = profile.frames[f.frame]!.file;
    // The program's own functions are counted exactly in sample mode (the rest are lower bounds).
    if (file.startsWith(ROOT)) assert.equal(row.called, f.calls, `${names[f.frame]}: calls`);
  }
  assert.equal(shown.rows.get('Particle.constructor')!.called, 1000);
  assert.equal(shown.rows.get('Particle.constructor')!.self, 0, 'never sampled');
  const evolve = profile.functions.find((f) => names[f.frame] === 'ParticleSimulator.evolve')!;
  assert.equal(shown.rows.get('ParticleSimulator.evolve')!.incl, Math.round(evolve.total), 'inclusive time of a function that does not recurse');
});
