// Profiles for the export/import tests, built by hand so every number is known:
// the chapter's taylor.ts (main -> taylorExp(500) / taylorSin(500) -> recursive factorial,
// 188000 calls, 750 primitive) as a trace capture would record it, the same tree as a sampler
// would (no counts), and a profile whose names are markup.
import { makeFrame } from '../src/model/frames.js';
import type { Profile, ProfileMeta, TreeNode } from '../src/model/profile.js';
import { profileFromTree as fromTree, taylorProfile } from './fixtures.js';

export { FACTORIAL_NS, F as T } from './fixtures.js';

/** taylor.ts traced (fixtures.ts's taylorProfile): factorial 188000/750 calls, 47 ms of self time; taylorSin 300.333 us. */
export function taylor(overrides: Partial<ProfileMeta> = {}): Profile {
  return taylorProfile(overrides, 300_333);
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
