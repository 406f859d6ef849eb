// One definition of a line hit, held by both `hotpath lines` modes: the control-flow corpus
// (fixtures/line-hits/control-flow.ts) has every statement kind of JavaScript, each line's
// hits written by hand in a trailing `// hits N` comment. Both modes run it with `--all`
// and must give exactly those hits on every line, and place every function on the same
// line and column, as `hotpath profile` must in sample and trace mode.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { FIXTURES, hotpath, tempDir } from './profile-helpers.js';

const PROGRAM = path.join(FIXTURES, 'line-hits', 'control-flow.ts');
const SOURCE = fs.readFileSync(PROGRAM, 'utf8').split('\n');

/** Line -> hits, from the `// hits N` comments (lines without one: none). */
const EXPECTED = new Map(SOURCE.flatMap((text, i) => (/\/\/ hits (\d+)/.exec(text) ? [[i + 1, Number(/\/\/ hits (\d+)/.exec(text)![1])] as const] : [])));

/** What the program prints under node: the functions' results, as computed by hand. */
const OUTPUT = '6 23 10 15 9 -90 14 3 25 13 60 6\n';

function run(args: string[]): Profile {
  const out = path.join(tempDir(), 'out.json');
  const result = hotpath([...args, '-o', out, PROGRAM]);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(result.stdout.startsWith(OUTPUT), result.stdout.slice(0, 200));
  return loadProfileSync(out);
}

/** Hits per line of the program's own file (summed over the functions on a line). */
function hitsOf(profile: Profile): Map<number, number> {
  const hits = new Map<number, number>();
  for (const row of profile.lines ?? []) {
    if (!row.hits || !profile.frames[row.frame]!.file.endsWith('control-flow.ts')) continue;
    hits.set(row.line, (hits.get(row.line) ?? 0) + row.hits);
  }
  return hits;
}

/** Every function of the program as `name line:column`, sorted. */
function positions(profile: Profile): string[] {
  return profile.frames
    .filter((frame) => frame.file.endsWith('control-flow.ts') && frame.name !== '<module>')
    .map((frame) => `${frame.name} ${frame.line}:${frame.column}`)
    .sort();
}

/** Lines whose hits differ from the hand-written ones, as `line: got N, expected M  source`. */
function differences(hits: Map<number, number>): string[] {
  const lines = [...new Set([...EXPECTED.keys(), ...hits.keys()])].sort((a, b) => a - b);
  return lines
    .filter((line) => (hits.get(line) ?? 0) !== (EXPECTED.get(line) ?? 0))
    .map((line) => `${line}: got ${hits.get(line) ?? 0}, expected ${EXPECTED.get(line) ?? 0}  ${SOURCE[line - 1]!.trim()}`);
}

test('the corpus names hits for every kind of statement', () => {
  assert.ok(EXPECTED.size >= 75, `${EXPECTED.size} lines with expected hits`);
});

const profiles = new Map<string, Profile>();
for (const mode of ['sample', 'trace']) {
  test(`hotpath lines --mode ${mode}: exactly the hand-written hits on every line`, () => {
    const profile = run(['lines', '--mode', mode, '--all']);
    profiles.set(mode, profile);
    assert.deepEqual(differences(hitsOf(profile)), []);
  });
}

test('both line modes place every function at the same line and column', () => {
  const [sample, trace] = [profiles.get('sample'), profiles.get('trace')];
  assert.ok(sample && trace, 'the two line runs');
  assert.deepEqual(positions(sample), positions(trace));
  assert.ok(positions(sample).includes('Account.deposit 145:3'), positions(sample).join('\n'));
});

test('hotpath profile places every function at the same line and column in sample and trace mode: a method at its name', () => {
  const [sample, trace] = [run(['profile']), run(['profile', '--mode', 'trace'])];
  assert.deepEqual(positions(sample), positions(trace));
  assert.ok(positions(trace).includes('Account.get doubled 142:3'), positions(trace).join('\n'));
});
