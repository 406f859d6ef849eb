// The callgrind exporter: real call counts on every edge, name compression, and valgrind's own
// callgrind_annotate as the independent reader (skipped where it is not installed).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { writeCallgrind } from '../src/export/callgrind.js';
import { totalTime } from '../src/export/counts.js';
import type { Profile } from '../src/model/profile.js';
import { evilProfile, sampledTaylor, taylor } from './convert-fixtures.js';

// `callgrind_annotate --version` prints its version and exits 255: only a missing program fails to spawn.
const hasAnnotate = spawnSync('callgrind_annotate', ['--version'], { encoding: 'utf8' }).error === undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-callgrind-'));

function annotate(profile: Profile, ...args: string[]): string {
  const file = path.join(dir, `callgrind.out.${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(file, writeCallgrind(profile));
  const run = spawnSync('callgrind_annotate', ['--auto=no', ...args, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /WARNING|malformed/, run.stderr);
  return run.stdout;
}

// `47,470,333 (100.0%)  PROGRAM TOTALS` and one `COST (PCT)  file:function` row per function.
function numberBefore(text: string, label: string): number {
  const line = text.split('\n').find((l) => l.includes(label));
  assert.ok(line, `no "${label}" in:\n${text}`);
  return Number(line.trim().split(/\s+/)[0]!.replace(/,/g, ''));
}

test('callgrind: header, events in ns, summary equal to the total self time', () => {
  const text = writeCallgrind(taylor());
  const lines = text.split('\n');
  assert.equal(lines[0], '# callgrind format');
  assert.ok(lines.includes('events: ns'));
  assert.ok(lines.includes(`summary: ${totalTime(taylor())}`));
  assert.ok(lines.indexOf('events: ns') < lines.indexOf(`summary: ${totalTime(taylor())}`));
});

test('callgrind: real edge counts (recursion included), callee line, then inclusive cost on the caller line', () => {
  const text = writeCallgrind(taylor());
  const factorial = /cfn=\((\d)\) factorial/.exec(text)![1];
  const own = `fn=(${factorial})\n1 47000000\ncfl=(1)\ncfn=(${factorial})\ncalls=187250 1\n1 46812500\n`;
  assert.ok(text.includes(own), text);
  assert.match(text, /cfn=\(\d\) factorial\ncalls=500 1\n5 31312500\n/);
  assert.match(text, /calls=250 1\n10 15687500\n/);
  assert.doesNotMatch(text, /calls=0/);
  // Every name is defined once and referred to by number after.
  assert.equal(text.match(/\) factorial$/gm)?.length, 1);
  // Files relative to the profile's cwd (/proj), as pyprof2calltree writes them.
  assert.equal(text.match(/^fl=\(\d+\) examples\/taylor\.ts$/gm)?.length, 1);
});

test('callgrind: unknown counts (sampling) are lower bounds, never 0, and the file says so', () => {
  const text = writeCallgrind(sampledTaylor());
  assert.doesNotMatch(text, /calls=0/);
  assert.match(text, /calls=998 1\n/); // one per recursion depth seen in the tree
  assert.match(text, /^desc: .*lower bounds/m);
});

test('callgrind: names stay on one line and same-named functions stay apart', () => {
  const text = writeCallgrind(evilProfile());
  assert.match(text, /^fn=\(\d+\) <img src=x onerror=alert\(1\)>$/m);
  assert.match(text, /^cfn=\(\d+\) two lines$/m);
  assert.match(text, /\(anonymous\) \[a\.ts:3:1\]/);
  assert.match(text, /\(anonymous\) \[a\.ts:9:1\]/);
});

/** {@link taylor} with 5 ms spent outside every function (the root's own time). */
function withRootTime(): Profile {
  const profile = taylor();
  profile.tree![0]!.self = 5_000_000;
  return profile;
}

test('callgrind_annotate reads it: totals equal the profile total, factorial on top', { skip: !hasAnnotate && 'callgrind_annotate is not installed' }, () => {
  for (const profile of [taylor(), sampledTaylor(), evilProfile(), withRootTime()]) {
    const out = annotate(profile, '--threshold=100');
    assert.equal(numberBefore(out, 'PROGRAM TOTALS'), totalTime(profile));
    // With every function shown, their self costs add up to the total.
    const rows = out.split('\n').filter((l) => /^\s*[\d,]+ \([\d. %]+\)\s+\S.*:/.test(l) && !l.includes('PROGRAM TOTALS'));
    const sum = rows.reduce((s, l) => s + Number(l.trim().split(/\s+/)[0]!.replace(/,/g, '')), 0);
    assert.equal(sum, totalTime(profile));
  }
  const out = annotate(taylor());
  assert.equal(numberBefore(out, ':factorial'), 47_000_000);
  assert.equal(numberBefore(annotate(withRootTime()), 'PROGRAM TOTALS'), 47_470_333); // as `hotpath stats` counts
});

test('callgrind_annotate --inclusive=yes: main includes everything below it', { skip: !hasAnnotate && 'callgrind_annotate is not installed' }, () => {
  const out = annotate(taylor(), '--inclusive=yes', '--threshold=100');
  assert.equal(numberBefore(out, ':main'), totalTime(taylor()));
});
