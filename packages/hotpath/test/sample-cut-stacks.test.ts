// Sample mode on recursion deeper than V8 keeps of a sampled stack (256 frames): the samples
// lose their outer callers, so factorial's tottime exceeds its caller's cumtime. The profile
// must say so and name the row; a shallow recursion must not get the note.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { FIXTURES, functionNamed, profileTo } from './profile-helpers.js';

const PROGRAM = path.join(FIXTURES, 'programs', 'deep-recursion.ts');
const cutNote = (notes: readonly string[]): string | undefined => notes.find((note) => note.includes('deeper than V8 keeps'));

test('recursion 1000 deep: a note names factorial as the row whose callers miss time', () => {
  const { run, profile } = profileTo(PROGRAM, ['--interval', '0.2']);
  assert.equal(run.status, 0, run.stderr);
  const factorial = functionNamed(profile, 'factorial').stats;
  const caller = functionNamed(profile, 'run').stats;
  // What the note is about: V8's data really is cut, the caller's cumtime misses samples.
  assert.ok(factorial.self > caller.total, `factorial tottime ${factorial.self} <= run cumtime ${caller.total}`);
  const note = cutNote(profile.meta.notes);
  assert.ok(note, profile.meta.notes.join('\n'));
  assert.match(note, /^\d+ samples \(\d+\.\d ms\) had stacks deeper than V8 keeps \(256 frames\)/);
  // factorial first; then any other function (run, the module's top level) that was a cut stack's outermost kept frame:
  // a stack of run and 255 factorial frames lost only the module, whose cumtime then misses it.
  assert.match(note, /callers of factorial \([^)]*deep-recursion\.ts:3\)(, [\w<>]+ \([^)]*deep-recursion\.ts:\d+\))* miss/);
});

test('recursion 100 deep: no note, the caller holds all of factorial', () => {
  const { run, profile } = profileTo(PROGRAM, ['--interval', '0.2'], ['100']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(cutNote(profile.meta.notes), undefined);
  const factorial = functionNamed(profile, 'factorial').stats;
  assert.ok(factorial.total <= functionNamed(profile, 'run').stats.total);
});
