// Adding profiles (model/merge.ts): the threads of a process, the processes of a program.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callGraphFromTree } from '../src/model/build.js';
import { makeFrame } from '../src/model/frames.js';
import { mergeProfiles, tagThread } from '../src/model/merge.js';
import type { Profile } from '../src/model/profile.js';
import { taylorProfile } from './fixtures.js';

const sum = (p: Profile, name: string, key: 'calls' | 'self' | 'total'): number | null => {
  const frame = p.frames.findIndex((f) => f.name === name && f.thread === undefined);
  return p.functions.find((f) => f.frame === frame)![key];
};

test('merged: functions, edges and the tree are the sum of the parts; the graph of the merged tree agrees', () => {
  const a = taylorProfile();
  const b = taylorProfile({}, 700_000); // frames in another order would map the same: keys, not indices
  const merged = mergeProfiles([a, b]);
  assert.equal(merged.frames.length, a.frames.length);
  assert.equal(sum(merged, 'factorial', 'calls'), 2 * 188_000);
  assert.equal(sum(merged, 'taylorSin', 'self'), 300_000 + 700_000);
  assert.equal(merged.edges.length, a.edges.length);
  // The merged tree has the parts' shape and their summed counts: its derived graph is the merged graph.
  assert.equal(merged.tree!.length, a.tree!.length);
  const derived = callGraphFromTree(merged.tree!, merged.frames.length);
  for (const fn of derived.functions) {
    const stats = merged.functions.find((f) => f.frame === fn.frame)!;
    assert.deepEqual([fn.calls, fn.primitiveCalls, fn.self, fn.total], [stats.calls, stats.primitiveCalls, stats.self, stats.total]);
  }
});

test('a count unknown in one part adds nothing; null only where every part has null', () => {
  const a = taylorProfile();
  const b = taylorProfile();
  for (const fn of b.functions) fn.calls = null;
  assert.equal(sum(mergeProfiles([a, b]), 'factorial', 'calls'), 188_000);
  assert.equal(sum(mergeProfiles([b, b]), 'factorial', 'calls'), null);
});

test('tagged with their threads, the parts stay apart under one root', () => {
  const merged = mergeProfiles([tagThread(taylorProfile(), 0), tagThread(taylorProfile({}, 1), 3)]);
  const rows = merged.functions.filter((f) => merged.frames[f.frame]!.name === 'taylorSin');
  assert.deepEqual(rows.map((f) => [merged.frames[f.frame]!.thread, f.self]).sort(), [
    [0, 300_000],
    [3, 1],
  ]);
  assert.equal(merged.frames.filter((f) => f.name === '(root)').length, 1);
  assert.equal(merged.tree!.filter((n) => n.parent === 0).length, 2); // each thread's main under the root
});

test('line stats are summed per function and line', () => {
  const part = (hits: number): Profile => ({
    ...taylorProfile(),
    frames: [makeFrame('render', '/r.mjs', 5, 1)],
    functions: [{ frame: 0, calls: 1, primitiveCalls: null, self: 10, total: 10 }],
    edges: [],
    tree: undefined,
    lines: [{ frame: 0, line: 9, hits, time: 10 }],
  });
  const merged = mergeProfiles([part(400), part(600)]);
  assert.deepEqual(merged.lines, [{ frame: 0, line: 9, hits: 1000, time: 20 }]);
  assert.equal(merged.tree, undefined);
});
