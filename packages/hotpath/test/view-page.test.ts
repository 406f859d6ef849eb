// The page's pure parts, run in Node: flame-graph layout and search, the callee tree from a
// call tree and from edges, the squarified treemap, and the page's number formats.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calleeTreeFromGraph, calleeTreeFromTree, type CalleeNode } from '../src/view/page/callee-tree.js';
import { ancestors, layoutFlame, matchNodes } from '../src/view/page/flame-layout.js';
import { human, ncalls, percent, perCall } from '../src/view/page/format.js';
import { heatColor, heatOf } from '../src/view/page/heat.js';
import { groupBy } from '../src/view/page/model.js';
import { squarify } from '../src/view/page/treemap-layout.js';

// root(10) -> a(6) -> b(2); root -> c(3); a -> a(3) (recursion)
const tree = {
  parent: [-1, 0, 1, 0, 1],
  frame: [0, 1, 2, 3, 1],
  total: [10, 6, 2, 3, 3],
};
const children = [[1, 3], [4, 2], [], [], []];

test('layoutFlame places children side by side under their parent, heaviest first', () => {
  const { x, depth, maxDepth } = layoutFlame(tree.total, children);
  assert.deepEqual([...x], [0, 0, 3, 6, 0]);
  assert.deepEqual([...depth], [0, 1, 2, 1, 2]);
  assert.equal(maxDepth, 2);
  assert.deepEqual(ancestors(tree.parent, 4), [0, 1]);
});

test('matchNodes marks every match and only the outermost of nested ones', () => {
  const { matched, outermost } = matchNodes(tree.frame, tree.parent, (frame) => frame === 1);
  assert.deepEqual([...matched], [0, 1, 0, 0, 1]);
  assert.deepEqual([...outermost], [0, 1, 0, 0, 0]); // node 4 is inside node 1: not counted twice
});

function shape(node: CalleeNode): unknown {
  return [node.frame, node.total, node.children.map(shape)];
}

test('calleeTreeFromTree merges the outermost activations of a function by path', () => {
  assert.deepEqual(shape(calleeTreeFromTree(tree, 1)!), [
    1,
    6,
    [
      [1, 3, []],
      [2, 2, []],
    ],
  ]);
  assert.deepEqual(shape(calleeTreeFromTree(tree, null)!), [
    0,
    10,
    [
      [
        1,
        6,
        [
          [1, 3, []],
          [2, 2, []],
        ],
      ],
      [3, 3, []],
    ],
  ]);
  assert.equal(calleeTreeFromTree(tree, 9), null);
  // Two activations of frame 2 under different callers merge into one root.
  const twice = { parent: [-1, 0, 1, 0, 3], frame: [0, 1, 2, 3, 2], total: [10, 4, 4, 6, 6] };
  assert.deepEqual(shape(calleeTreeFromTree(twice, 2)!), [2, 10, []]);
});

test('calleeTreeFromGraph splits time by edges, scaled along the path, and stops at cycles', () => {
  // main(10) -> f(8) -> g(4); f -> f (recursion, not expanded); g -> f (a cycle back)
  const calleesOf = [[0], [1, 2], [3]];
  const callersOf = [[], [0, 1, 3], [2]];
  const graph = {
    calleesOf: (frame: number) => calleesOf[frame]!,
    callersOf: (frame: number) => callersOf[frame]!,
    callee: [1, 1, 2, 1],
    edgeTotal: [8, 5, 4, 1],
    frameTotal: [10, 8, 4],
  };
  const limits = { maxDepth: 8, maxNodes: 100 };
  assert.deepEqual(shape(calleeTreeFromGraph(graph, 1, limits)), [1, 8, [[2, 4, []]]]);
  assert.deepEqual(shape(calleeTreeFromGraph(graph, null, limits)), [-1, 10, [[0, 10, [[1, 8, [[2, 4, []]]]]]]]);
  assert.deepEqual(shape(calleeTreeFromGraph(graph, 0, { maxDepth: 1, maxNodes: 100 })), [0, 10, [[1, 8, []]]]);
});

test('groupBy lists the indices of each key in order', () => {
  const of = groupBy([2, 0, 2, 1, 2], 4);
  assert.deepEqual(
    [0, 1, 2, 3].map((key) => [...of(key)]),
    [[1], [3], [0, 2, 4], []],
  );
});

test('squarify fills the rectangle with areas in proportion to the values', () => {
  const values = [6, 6, 4, 3, 2, 2, 1];
  const rects = squarify(values, { x: 0, y: 0, w: 6, h: 4 });
  rects.forEach((r, i) => assert.ok(Math.abs(r.w * r.h - values[i]!) < 1e-9, `rect ${i} has area ${r.w * r.h}`));
  for (const r of rects) {
    assert.ok(r.x >= -1e-9 && r.y >= -1e-9 && r.x + r.w <= 6 + 1e-9 && r.y + r.h <= 4 + 1e-9, 'inside');
    assert.ok(Math.max(r.w / r.h, r.h / r.w) < 3, 'close to square');
  }
  assert.deepEqual(squarify([0, 0], { x: 1, y: 1, w: 5, h: 5 }), [
    { x: 1, y: 1, w: 0, h: 0 },
    { x: 1, y: 1, w: 0, h: 0 },
  ]);
});

test('the page formats times, counts and shares as the CLI does', () => {
  assert.equal(ncalls(188000, 750), '188000/750');
  assert.equal(ncalls(1, 1), '1');
  assert.equal(ncalls(null, null), '?');
  assert.equal(perCall(47_000_000, 188000, 'ms'), '250 ns'); // not pstats' 0.000: the unit that fits
  assert.equal(perCall(47_000_000, 188, 'ms'), '0.250');
  assert.equal(perCall(5, 0, 's'), '');
  assert.equal(human(47_470_000), '47.5 ms');
  assert.equal(human(250), '250 ns');
  assert.equal(percent(0.0004), '<0.1%');
  assert.equal(percent(0.5), '50.0%');
  assert.equal(heatColor(0), 'rgb(244, 239, 226)');
  assert.equal(heatColor(1), 'rgb(196, 46, 46)');
  assert.equal(heatOf(25, 100), 0.5);
});
