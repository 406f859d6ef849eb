// Adding profiles (`hotpath stats a b`, model/add.ts): per-function and per-edge sums, trees
// added by path, and the refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addProfiles, ProfileAddError } from '../src/model/add.js';
import { checkProfileShape } from '../src/model/validate.js';
import { F, taylorProfile } from './fixtures.js';

test('two runs of one program: every count and time doubles, the tree keeps its shape', () => {
  const one = taylorProfile();
  const sum = addProfiles([
    { file: 'a.json', profile: taylorProfile() },
    { file: 'b.json', profile: taylorProfile() },
  ]);
  checkProfileShape(sum);
  assert.equal(sum.frames.length, one.frames.length);
  const factorial = sum.functions.find((f) => f.frame === F.factorial)!;
  const single = one.functions.find((f) => f.frame === F.factorial)!;
  assert.deepEqual(factorial, { ...single, calls: 2 * single.calls!, primitiveCalls: 2 * single.primitiveCalls!, self: 2 * single.self, total: 2 * single.total });
  assert.equal(sum.edges.length, one.edges.length);
  assert.equal(sum.tree!.length, one.tree!.length);
  assert.deepEqual(
    sum.tree!.map((n) => n.self),
    one.tree!.map((n) => 2 * n.self),
  );
  assert.equal(sum.meta.duration, 2 * one.meta.duration);
});

test('functions meet by file, line, column and name; the others are kept apart', () => {
  const other = taylorProfile();
  other.frames[F.factorial] = { ...other.frames[F.factorial]!, name: 'fact' };
  const sum = addProfiles([
    { file: 'a.json', profile: taylorProfile() },
    { file: 'b.json', profile: other },
  ]);
  assert.equal(sum.frames.length, taylorProfile().frames.length + 1);
  assert.equal(sum.functions.filter((f) => sum.frames[f.frame]!.file.endsWith('taylor.ts') && /^fact/.test(sum.frames[f.frame]!.name)).length, 2);
  checkProfileShape(sum);
});

test('an unknown count stays unknown; other units and other kinds of time are refused, naming the file', () => {
  const sampled = taylorProfile({ exactness: { calls: 'none', edges: 'none', time: 'measured' } });
  for (const f of sampled.functions) f.calls = null;
  const sum = addProfiles([
    { file: 'a.json', profile: taylorProfile() },
    { file: 'b.json', profile: sampled },
  ]);
  assert.ok(sum.functions.every((f) => f.calls === null));
  assert.equal(sum.meta.exactness.calls, 'none');
  const timed = taylorProfile({ exactness: { calls: 'exact', edges: 'exact', time: 'sampled' } });
  assert.throws(
    () =>
      addProfiles([
        { file: 'a.json', profile: taylorProfile() },
        { file: 'b.json', profile: timed },
      ]),
    (error: unknown) => error instanceof ProfileAddError && error.file === 'b.json' && /b\.json has sampled times, a\.json has measured times/.test(error.message),
  );
  const bytes = { ...taylorProfile(), unit: 'bytes' } as unknown as ReturnType<typeof taylorProfile>;
  assert.throws(
    () =>
      addProfiles([
        { file: 'a.json', profile: taylorProfile() },
        { file: 'c.json', profile: bytes },
      ]),
    /c\.json holds bytes, a\.json holds ns: profiles of different units cannot be added/,
  );
});
