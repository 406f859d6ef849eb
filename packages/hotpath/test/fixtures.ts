// Hand-built profiles for the report tests: the chapter's taylor.ts as a call tree
// (main -> taylorExp(500) / taylorSin(500) -> recursive factorial), run through
// callGraphFromTree as a trace capture would, so every number below is known exactly.
import { callGraphFromTree } from '../src/model/build.js';
import { makeFrame } from '../src/model/frames.js';
import type { Frame, Profile, ProfileMeta, TreeNode } from '../src/model/profile.js';

export const CWD = '/proj';
const FILE = '/proj/examples/taylor.ts';

/** Self time charged per factorial call, ns: 188000 calls make 0.047 s. */
export const FACTORIAL_NS = 250;

/** Frame indices of {@link taylorProfile}. */
export const F = { root: 0, main: 1, taylorExp: 2, taylorSin: 3, factorial: 4 } as const;

export function meta(overrides: Partial<ProfileMeta> = {}): ProfileMeta {
  return {
    command: ['examples/taylor.ts'],
    mode: 'trace',
    interval: null,
    startTime: '2026-11-25T17:05:58.000Z',
    duration: 50_000_000,
    nodeVersion: 'v20.20.2',
    exitCode: 0,
    signal: null,
    cwd: CWD,
    hotpathVersion: '0.1.0',
    exactness: { calls: 'exact', edges: 'exact', time: 'measured' },
    notes: [],
    ...overrides,
  };
}

/** A tree builder: `add(parent, frame, calls, self)` returns the new node's id. */
type AddNode = (parent: number, frame: number, calls: number | null, self: number) => number;

export function treeBuilder(rootFrame: number): { tree: TreeNode[]; add: AddNode } {
  const tree: TreeNode[] = [{ id: 0, parent: -1, frame: rootFrame, calls: 1, self: 0 }];
  const add: AddNode = (parent, frame, calls, self) => tree.push({ id: tree.length, parent, frame, calls, self }) - 1;
  return { tree, add };
}

/** A complete profile from frames and a tree, the graph derived as cProfile derives it. */
export function profileFromTree(frames: Frame[], tree: TreeNode[], metaOverrides: Partial<ProfileMeta> = {}): Profile {
  const { functions, edges } = callGraphFromTree(tree, frames.length);
  return { unit: 'ns', meta: meta(metaOverrides), frames, functions, edges, tree };
}

// factorial(i) recurses i times below its first call: for each depth d the node is entered
// by every outer call i with i + 1 >= d.
function addFactorialChain(add: AddNode, parent: number, outer: number[]): void {
  let node = parent;
  for (let depth = 1; ; depth++) {
    const calls = outer.filter((i) => i + 1 >= depth).length;
    if (calls === 0) return;
    node = add(node, F.factorial, calls, calls * FACTORIAL_NS);
  }
}

/**
 * taylor.ts: factorial 188000/750, factorial -> factorial 187250/749; taylorSin's self
 * time `taylorSinSelf` ns (the export tests use an uneven one).
 */
export function taylorProfile(metaOverrides: Partial<ProfileMeta> = {}, taylorSinSelf = 300_000): Profile {
  const frames = [
    makeFrame('(root)', '', 0, 0),
    makeFrame('main', FILE, 17, 1),
    makeFrame('taylorExp', FILE, 5, 8),
    makeFrame('taylorSin', FILE, 10, 8),
    makeFrame('factorial', FILE, 1, 8),
  ];
  const { tree, add } = treeBuilder(F.root);
  const main = add(0, F.main, 1, 20_000);
  const exp = add(main, F.taylorExp, 1, 150_000);
  const sin = add(main, F.taylorSin, 1, taylorSinSelf);
  const all = Array.from({ length: 500 }, (_, i) => i);
  addFactorialChain(add, exp, all);
  addFactorialChain(
    add,
    sin,
    all.filter((i) => i % 2 === 1),
  );
  return profileFromTree(frames, tree, metaOverrides);
}

/** Frame indices of {@link internalsProfile}. */
export const G = { root: 0, main: 1, handler: 2, readFileSync: 3, fsUtils: 4, lodashMap: 5, lodashInner: 6 } as const;

export function internalsFrames(): Frame[] {
  return [
    makeFrame('(root)', '', 0, 0),
    makeFrame('main', '/proj/app.ts', 1, 1),
    makeFrame('handler', '/proj/app.ts', 10, 1),
    makeFrame('readFileSync', 'node:fs', 441, 20),
    makeFrame('getValidatedPath', 'node:internal/fs/utils', 50, 3),
    makeFrame('map', '/proj/node_modules/lodash/map.js', 5, 1),
    makeFrame('arrayMap', '/proj/node_modules/lodash/_arrayMap.js', 9, 1),
  ];
}

/**
 * A program calling into Node internals (an internal calling an internal) and into a
 * package that calls back into user code, which calls Node again:
 * main -> readFileSync -> getValidatedPath; main -> map -> arrayMap -> handler -> readFileSync.
 * map's self time, 62.5 ms, is a rounding tie at 3 decimals (0.0625 s).
 */
export function internalsProfile(metaOverrides: Partial<ProfileMeta> = {}): Profile {
  const { tree, add } = treeBuilder(G.root);
  const main = add(0, G.main, 1, 1_000_000);
  const read = add(main, G.readFileSync, 2, 500_000);
  add(read, G.fsUtils, 4, 250_000);
  const map = add(main, G.lodashMap, 3, 62_500_000);
  const inner = add(map, G.lodashInner, 30, 3_000_000);
  const handler = add(inner, G.handler, 30, 6_000_000);
  add(handler, G.readFileSync, 30, 1_500_000);
  return profileFromTree(internalsFrames(), tree, metaOverrides);
}

/** {@link internalsProfile} as folding should leave it, built by hand. */
export function foldedInternalsProfile(): Profile {
  const frames = [
    ...internalsFrames().slice(0, 3),
    { name: '<node internals>', file: '', line: 0, column: 0, category: 'node' as const },
    { name: '<node_modules>', file: '', line: 0, column: 0, category: 'node_modules' as const },
  ];
  const { tree, add } = treeBuilder(G.root);
  const main = add(0, G.main, 1, 1_000_000);
  add(main, 3, 2, 750_000);
  const modules = add(main, 4, 3, 65_500_000);
  const handler = add(modules, G.handler, 30, 6_000_000);
  add(handler, 3, 30, 1_500_000);
  return profileFromTree(frames, tree);
}
