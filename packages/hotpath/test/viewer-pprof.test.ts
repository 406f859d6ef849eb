// hotpath's pprof read by `go tool pprof` (Debian's golang-go; .ci/run installs it): every
// row of `-top` for cpu and for calls is compared with hotpath's own numbers, on a real trace
// (Taylor) and a real sample profile (the particles benchmark: five modules' top-level code,
// anonymous callbacks, functions counted but never sampled).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { uniqueNames } from '../src/export/labels.js';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { hotpath, profileExample, runTool, tempDir } from './consumers.js';

const dir = tempDir('pprof-viewer');

/** `go tool pprof -top` of `file` for one sample type: flat value per row name (rows of flat 0 left out). */
function pprofTop(file: string, sampleIndex: 'cpu' | 'calls'): Map<string, number> {
  const args = ['tool', 'pprof', '-top', `-sample_index=${sampleIndex}`, '-nodecount=100000', '-nodefraction=0'];
  if (sampleIndex === 'cpu') args.push('-unit=ns');
  const out = runTool('go', [...args, file], dir, { ...process.env, PPROF_TMPDIR: dir, HOME: dir });
  const rows = new Map<string, number>();
  // `  13435273ns 69.14% 69.14% 13435273ns 69.14%  factorial`
  for (const match of out.matchAll(/^ *(\d+)(?:ns)? +[\d.]+% +[\d.]+% +\d+(?:ns)? +[\d.]+% +(.+)$/gm)) {
    assert.ok(!rows.has(match[2]!), `two rows named ${match[2]}`);
    if (Number(match[1]) > 0) rows.set(match[2]!, Number(match[1]));
  }
  return rows;
}

/** hotpath's numbers under the names the pprof has: self ns and known calls, per function. */
function expected(profile: Profile): { cpu: Map<string, number>; calls: Map<string, number> } {
  const names = uniqueNames(profile);
  const cpu = new Map<string, number>();
  const calls = new Map<string, number>();
  for (const f of profile.functions) {
    if (Math.round(f.self) > 0) cpu.set(names[f.frame]!, Math.round(f.self));
    if (f.calls) calls.set(names[f.frame]!, f.calls);
  }
  return { cpu, calls };
}

function convert(file: string): string {
  const out = path.join(dir, `${path.basename(file, '.json')}.pb.gz`);
  hotpath(dir, 'convert', file, '-o', out);
  return out;
}

test('go tool pprof -top of a Taylor trace: every function row, cpu and calls, as hotpath counts it', () => {
  const file = profileExample(dir, 'taylor.ts', 'trace');
  const pprof = convert(file);
  const want = expected(loadProfileSync(file));
  assert.deepEqual(pprofTop(pprof, 'cpu'), want.cpu);
  assert.deepEqual(pprofTop(pprof, 'calls'), want.calls);
  assert.equal(want.calls.get('factorial'), 188_000);
});

test('go tool pprof -top of a sample profile: one row per <module> and (anonymous); -sample_index=calls has the exact counts', () => {
  const file = profileExample(dir, 'particles-bench.ts', 'sample');
  const profile = loadProfileSync(file);
  const pprof = convert(file);
  const want = expected(profile);
  assert.deepEqual(pprofTop(pprof, 'cpu'), want.cpu);
  const calls = pprofTop(pprof, 'calls');
  assert.deepEqual(calls, want.calls);
  const modules = [...calls.keys()].filter((name) => name.startsWith('<module> ['));
  assert.ok(modules.length >= 5, `module rows: ${modules.join(', ')}`);
  const anonymous = [...calls.keys()].filter((name) => name.startsWith('(anonymous) ['));
  assert.ok(anonymous.length >= 2, `anonymous rows: ${anonymous.join(', ')}`);
  // Counted by hotpath's counters but never on a sampled stack: the count is still there.
  assert.equal(calls.get('Particle.constructor'), 1000);
  assert.equal(calls.get('uniform'), 3000);
});
