// Folding Node internals and node_modules: the graph view, the tree view and the lines
// must agree with a profile built already folded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callGraphFromTree } from '../src/model/build.js';
import { foldProfile } from '../src/model/fold.js';
import type { Edge, FunctionStats, Profile } from '../src/model/profile.js';
import { foldedInternalsProfile, G, internalsProfile, taylorProfile } from './fixtures.js';

const byFrame = (a: FunctionStats, b: FunctionStats): number => a.frame - b.frame;
const byEnds = (a: Edge, b: Edge): number => a.caller - b.caller || a.callee - b.callee;

function assertSameGraph(actual: Profile, expected: Profile): void {
  assert.deepEqual(actual.frames, expected.frames);
  assert.deepEqual([...actual.functions].sort(byFrame), [...expected.functions].sort(byFrame));
  assert.deepEqual([...actual.edges].sort(byEnds), [...expected.edges].sort(byEnds));
}

test('folding gives the profile of the already folded program: frames, functions, edges, tree', () => {
  const folded = foldProfile(internalsProfile());
  const expected = foldedInternalsProfile();
  assertSameGraph(folded, expected);
  assert.deepEqual(folded.tree, expected.tree);
});

test('calls between members of a group are dropped, not kept as self-edges', () => {
  const folded = foldProfile(internalsProfile());
  assert.equal(folded.edges.filter((e) => e.caller === e.callee).length, 0);
});

test('without a tree, the graph alone folds to the same counts and times, but edge self time', () => {
  const { tree: _tree, ...graphOnly } = internalsProfile();
  const folded = foldProfile(graphOnly);
  const expected = foldedInternalsProfile();
  assert.equal(folded.tree, undefined);
  assert.deepEqual([...folded.functions].sort(byFrame), [...expected.functions].sort(byFrame));
  // Documented limit: an edge into a group carries the self time of the member called
  // directly; the time of members it called in turn cannot be attributed to one caller.
  const withoutSelf = (edges: Edge[]): Array<Omit<Edge, 'self'>> => [...edges].sort(byEnds).map(({ self: _self, ...rest }) => rest);
  assert.deepEqual(withoutSelf(folded.edges), withoutSelf(expected.edges));
  const mainToNode = folded.edges.find((e) => e.caller === G.main && e.callee === 3)!;
  assert.equal(mainToNode.self, 500_000); // readFileSync's own, not getValidatedPath's
});

test('a sampled tree (no counts) keeps the counts of the functions and takes times from the tree', () => {
  const sampled = internalsProfile({ mode: 'sample' });
  sampled.tree = sampled.tree!.map((node) => ({ ...node, calls: null }));
  const folded = foldProfile(sampled);
  assertSameGraph(folded, foldedInternalsProfile());
  assert.ok(folded.tree!.slice(1).every((node) => node.calls === null));
});

test('options keep either category unfolded; nothing to fold returns the profile itself', () => {
  const profile = internalsProfile();
  const names = (p: Profile): string[] => p.frames.map((f) => f.name);
  assert.deepEqual(names(foldProfile(profile, { node: false })), ['(root)', 'main', 'handler', 'readFileSync', 'getValidatedPath', '<node_modules>']);
  assert.deepEqual(names(foldProfile(profile, { nodeModules: false })), ['(root)', 'main', 'handler', 'map', 'arrayMap', '<node internals>']);
  assert.equal(foldProfile(profile, { node: false, nodeModules: false }), profile);
  const taylor = taylorProfile();
  assert.equal(foldProfile(taylor), taylor);
});

test('folding keeps the graph consistent with the folded tree', () => {
  const folded = foldProfile(internalsProfile());
  const derived = callGraphFromTree(folded.tree!, folded.frames.length);
  assert.deepEqual([...derived.functions].sort(byFrame), [...folded.functions].sort(byFrame));
  assert.deepEqual([...derived.edges].sort(byEnds), [...folded.edges].sort(byEnds));
});

test('line stats are renumbered, and dropped for folded frames', () => {
  const profile: Profile = {
    ...internalsProfile(),
    lines: [
      { frame: G.handler, line: 11, hits: 30, time: 6_000_000 },
      { frame: G.lodashMap, line: 6, hits: 3, time: 1 },
    ],
  };
  assert.deepEqual(foldProfile(profile).lines, [{ frame: 2, line: 11, hits: 30, time: 6_000_000 }]);
});

test('folding does not change its input', () => {
  const profile = internalsProfile();
  foldProfile(profile);
  assert.deepEqual(profile, internalsProfile());
});
