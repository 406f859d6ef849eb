// The sampling heap profile on real V8 data: bytes allocated by a function that allocates
// ~16 MiB, self in it and inclusive in its caller, in the profile model with unit bytes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InspectorSession } from '../src/capture/inspector.js';
import { buildHeapProfile } from '../src/capture/heap/heap-profile.js';
import { startHeapSampling, stopHeapSampling } from '../src/capture/heap/heap-sampler.js';

function allocateArrays(): number[][] {
  const kept: number[][] = [];
  // 2,000 arrays of 1,000 doubles: about 16 MB of elements.
  for (let i = 0; i < 2000; i++) kept.push(new Array<number>(1000).fill(i + 0.5));
  return kept;
}

function caller(): number {
  return allocateArrays().length;
}

test('bytes allocated per function, self and inclusive, at the TypeScript positions', () => {
  const session = new InspectorSession();
  startHeapSampling(session, { intervalBytes: 16384, count: 'allocated' });
  caller();
  const heap = stopHeapSampling(session);
  session.disconnect();
  const profile = buildHeapProfile(heap, META);
  assert.equal(profile.unit, 'bytes');
  const stats = (name: string) => {
    const frame = profile.frames.findIndex((f) => f.name === name);
    assert.ok(frame >= 0, `${name} in ${profile.frames.map((f) => f.name).join(', ')}`);
    return { frame: profile.frames[frame]!, fn: profile.functions.find((f) => f.frame === frame)! };
  };
  const alloc = stats('allocateArrays');
  // Sampled, so within a factor of two of the 16 MB of elements (plus array headers).
  assert.ok(alloc.fn.self > 8e6 && alloc.fn.self < 40e6, `allocateArrays self ${alloc.fn.self} bytes`);
  const call = stats('caller');
  assert.ok(call.fn.total >= alloc.fn.self, 'the caller includes its callee');
  assert.ok(call.fn.self < alloc.fn.self / 10, `caller self ${call.fn.self}`);
  assert.equal(alloc.frame.file, fileURLToPath(new URL('../../test/heap-profile.test.ts', import.meta.url)));
  assert.equal(alloc.frame.line, 10);
});

const META = {
  command: ['heap-profile.test.js'],
  interval: 16384,
  startTime: '',
  duration: 0,
  nodeVersion: process.version,
  exitCode: 0,
  signal: null,
  cwd: '/',
  hotpathVersion: '',
};

test('hotpath profile --heap: bytes per function of a program, live at exit with --heap-live, saved as pprof', async () => {
  const { spawnSync } = await import('node:child_process');
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const bin = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-heap-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  // keep() holds 100,000 small objects (~3 MB); churn() makes ~16 MB of arrays and drops them.
  fs.writeFileSync(
    path.join(dir, 'alloc.ts'),
    'const kept: Array<{ x: number; y: number }> = [];\nfunction keep(): void {\n  for (let i = 0; i < 100_000; i++) kept.push({ x: i, y: i + 0.5 });\n}\n' +
      'function churn(): number {\n  let n = 0;\n  for (let i = 0; i < 2000; i++) n += new Array<number>(1000).fill(i + 0.5).length;\n  return n;\n}\nkeep();\nconsole.log(churn(), kept.length);\n',
  );
  const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'profile', ...args, 'alloc.ts'], { cwd: dir, encoding: 'utf8' });
  const bytes = (table: string, name: string) => Number(new RegExp(`^ +\\? +(\\d+) .*alloc\\.ts:\\d+\\(${name}\\)$`, 'm').exec(table)?.[1] ?? 0);
  const allocated = run('--heap');
  assert.equal(allocated.status, 0, allocated.stderr);
  assert.match(allocated.stdout, /^2000000 100000$/m, "the program's own output");
  assert.match(allocated.stdout, /function calls in \d+ bytes allocated/);
  assert.ok(bytes(allocated.stdout, 'churn') > 8e6, allocated.stdout);
  const live = run('--heap-live');
  assert.equal(live.status, 0, live.stderr);
  assert.ok(bytes(live.stdout, 'keep') > 1e6, live.stdout);
  assert.ok(bytes(live.stdout, 'churn') < bytes(allocated.stdout, 'churn') / 4, 'what churn made was freed');
  const saved = run('--heap', '-o', 'heap.pprof');
  assert.equal(saved.status, 0, saved.stderr);
  assert.ok(fs.statSync(path.join(dir, 'heap.pprof')).size > 0);
});
