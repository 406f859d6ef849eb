// Profiles for the export/import tests, built by hand so every number is known:
// the chapter's taylor.ts (main -> taylorExp(500) / taylorSin(500) -> recursive factorial,
// 188000 calls, 750 primitive) as a trace capture would record it, the same tree as a sampler
// would (no counts), and a profile whose names are markup.
import { callGraphFromTree } from '../src/model/build.js';
import { makeFrame } from '../src/model/frames.js';
import type { Frame, Profile, ProfileMeta, TreeNode } from '../src/model/profile.js';

/** Self time of one factorial call, ns. */
export const FACTORIAL_NS = 250;
/** Frame indices of {@link taylor}. */
export const T = { root: 0, main: 1, taylorExp: 2, taylorSin: 3, factorial: 4 } as const;
const FILE = '/proj/examples/taylor.ts';

function meta(overrides: Partial<ProfileMeta>): ProfileMeta {
  return {
    command: ['examples/taylor.ts'],
    mode: 'trace',
    interval: null,
    startTime: '2026-11-25T17:05:58.000Z',
    duration: 50_000_000,
    nodeVersion: 'v20.20.2',
    exitCode: 0,
    signal: null,
    cwd: '/proj',
    hotpathVersion: '0.1.0',
    exactness: { calls: 'exact', edges: 'exact', time: 'measured' },
    notes: [],
    ...overrides,
  };
}

/** A profile from frames and a tree, the graph derived as cProfile derives it. */
export function fromTree(frames: Frame[], tree: TreeNode[], overrides: Partial<ProfileMeta> = {}): Profile {
  const { functions, edges } = callGraphFromTree(tree, frames.length);
  return { unit: 'ns', meta: meta(overrides), frames, functions, edges, tree };
}

/** taylor.ts traced: factorial 188000/750 calls, 47 ms of self time. */
export function taylor(overrides: Partial<ProfileMeta> = {}): Profile {
  const frames = [
    makeFrame('(root)', '', 0, 0),
    makeFrame('main', FILE, 17, 1),
    makeFrame('taylorExp', FILE, 5, 8),
    makeFrame('taylorSin', FILE, 10, 8),
    makeFrame('factorial', FILE, 1, 8),
  ];
  const tree: TreeNode[] = [{ id: 0, parent: -1, frame: T.root, calls: 1, self: 0 }];
  const add = (parent: number, frame: number, calls: number, self: number): number =>
    tree.push({ id: tree.length, parent, frame, calls, self }) - 1;
  const main = add(0, T.main, 1, 20_000);
  const exp = add(main, T.taylorExp, 1, 150_000);
  const sin = add(main, T.taylorSin, 1, 300_333);
  const all = Array.from({ length: 500 }, (_, i) => i);
  factorialChain(add, exp, all);
  factorialChain(
    add,
    sin,
    all.filter((i) => i % 2 === 1),
  );
  return fromTree(frames, tree, overrides);
}

// factorial(i) recurses i times: depth d is reached by every outer call i with i + 1 >= d.
function factorialChain(
  add: (p: number, f: number, c: number, s: number) => number,
  parent: number,
  outer: number[],
): void {
  let node = parent;
  for (let depth = 1; ; depth++) {
    const calls = outer.filter((i) => i + 1 >= depth).length;
    if (calls === 0) return;
    node = add(node, T.factorial, calls, calls * FACTORIAL_NS);
  }
}

/** {@link taylor} as a sampler records it: the same tree and times, no counts. */
export function sampledTaylor(): Profile {
  const traced = taylor();
  const tree = traced.tree!.map((node) => ({ ...node, calls: null }));
  return fromTree(traced.frames, tree, {
    mode: 'sample',
    interval: 100_000,
    exactness: { calls: 'none', edges: 'none', time: 'sampled' },
  });
}

/** A name that is markup, and others that break naive writers. */
export const EVIL = '<img src=x onerror=alert(1)>';

/** A small profile whose function names are markup, quotes, backslashes and entities. */
export function evilProfile(): Profile {
  const frames = [
    makeFrame('(root)', '', 0, 0),
    makeFrame(EVIL, '/proj/a "b".ts', 1, 1),
    makeFrame('say "hi" \\N &lt;b&gt; & done', '/proj/a.ts', 2, 1),
    makeFrame('(anonymous)', '/proj/a.ts', 3, 1),
    makeFrame('(anonymous)', '/proj/a.ts', 9, 1),
    makeFrame('two\nlines', '', 0, 0),
  ];
  const tree: TreeNode[] = [
    { id: 0, parent: -1, frame: 0, calls: 1, self: 0 },
    { id: 1, parent: 0, frame: 1, calls: 1, self: 1_000_000 },
    { id: 2, parent: 1, frame: 2, calls: 2, self: 2_000_000 },
    { id: 3, parent: 2, frame: 3, calls: 3, self: 3_000_000 },
    { id: 4, parent: 1, frame: 4, calls: 4, self: 4_000_000 },
    { id: 5, parent: 4, frame: 5, calls: 5, self: 5_000_000 },
  ];
  return fromTree(frames, tree, { command: ['<script>alert(2)</script>.ts'] });
}
