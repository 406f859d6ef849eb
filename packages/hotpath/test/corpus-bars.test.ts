// The corpus harness's bars (bench/lib/corpus-bars.mjs) on small made-up profiles: which time
// counts as the program's, how functions are matched across profilers, and when the top five
// agree, so that a failing corpus row means hotpath, not the harness.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeFrame } from '../src/model/frames.js';
import type { Profile } from '../src/model/profile.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const APP = path.join(REPO, 'packages/hotpath/test/corpus/app/main.js');
const LIB = path.join(REPO, 'node_modules/lib/index.js');

interface Times {
  own: number;
  nonIdle: number;
}
interface SampleBars {
  share: number;
  sharePass: boolean;
  topMatched: number;
  nodeSelfAgreement: number;
  topPass: boolean;
  topMisses: string[];
}
interface Bars {
  functionTimes(profiles: Profile[]): Times;
  compareSample(nodeRuns: Times[], hotpath: Times, intervalNs: number): SampleBars;
  outputDifferences(plain: object, run: object, mode: string): string[];
}

const bars = (await import(pathToFileURL(path.join(REPO, 'packages/hotpath/bench/lib/corpus-bars.mjs')).href)) as Bars;

/** A profile of [name, file, line, self ms] functions (the model's shape, nothing else filled). */
function profile(functions: Array<[string, string, number, number]>): Profile {
  const frames = functions.map(([name, file, line]) => makeFrame(name, file, line, 1));
  const stats = functions.map(([, , , ms], frame) => ({ frame, calls: null, primitiveCalls: null, self: ms * 1e6, total: ms * 1e6 }));
  return { frames, functions: stats } as unknown as Profile;
}

const MS = 1e6;
const INTERVAL = 0.25 * MS; // 250 us: 4 ticks per ms

test('own share: program files count, Node, V8, idle and the runner do not', () => {
  const times = bars.functionTimes([
    profile([
      ['(idle)', '', 0, 500],
      ['(garbage collector)', '', 0, 100],
      ['readFileSync', 'node:fs', 400, 100],
      ['main', APP, 3, 200],
      ['parse', LIB, 10, 100],
      ['load', path.join(REPO, 'packages/hotpath/dist/src/runner/preload.js'), 5, 50],
      ['transform', path.join(REPO, 'node_modules/esbuild/lib/main.js'), 7, 50],
    ]),
  ]);
  assert.equal(times.nonIdle, 600 * MS);
  assert.equal(times.own, 300 * MS);
});

test("own share: the runner's own work is not the program's non-idle time, code it runs is", () => {
  // (root) -> tsx's require hook -> { the program's module -> fs.readFileSync, esbuild's transform -> node:child_process }
  const tsx = path.join(REPO, 'node_modules/tsx/dist/cjs/index.cjs');
  const frames = [
    makeFrame('(root)', '', 0, 0),
    makeFrame('compile', tsx, 1, 1),
    makeFrame('(anonymous)', APP, 1, 1),
    makeFrame('readFileSync', 'node:fs', 400, 1),
    makeFrame('transformSync', path.join(REPO, 'node_modules/esbuild/lib/main.js'), 9, 1),
    makeFrame('spawnSync', 'node:child_process', 800, 1),
  ];
  const parents = [-1, 0, 1, 2, 1, 4];
  const selfMs = [0, 10, 200, 50, 30, 70];
  const tree = frames.map((_, id) => ({ id, parent: parents[id]!, frame: id, calls: null, self: selfMs[id]! * MS }));
  const functions = frames.map((_, frame) => ({ frame, calls: null, primitiveCalls: null, self: selfMs[frame]! * MS, total: 0 }));
  const times = bars.functionTimes([{ frames, functions, tree } as unknown as Profile]);
  assert.equal(times.own, 200 * MS);
  assert.equal(times.nonIdle, 250 * MS, "the program's module and the fs call it makes; not tsx, esbuild or the process esbuild spawns");
});

// A node run's ranking, and the same functions as hotpath names them.
const NODE = [
  ['handle', LIB, 150, 170],
  ['(anonymous)', APP, 44, 120],
  ['next', LIB, 189, 90],
  ['apply', APP, 20, 80],
  ['request', APP, 35, 60],
  ['parseurl', LIB, 35, 55],
] as Array<[string, string, number, number]>;

test('top five: `Class.method` matches `method`, an equal ranking passes', () => {
  const node = bars.functionTimes([profile(NODE)]);
  const hotpath = bars.functionTimes([profile(NODE.map(([name, file, line, ms]) => [name === 'apply' ? 'Inventory.apply' : name, file, line, ms]))]);
  const result = bars.compareSample([node, node], hotpath, INTERVAL);
  assert.equal(result.topMatched, 5);
  assert.ok(result.topPass);
  assert.ok(result.sharePass);
});

test('top five: an anonymous handler charged to <module> fails, naming the handler', () => {
  const node = bars.functionTimes([profile(NODE)]);
  const hotpath = bars.functionTimes([profile([...NODE.filter(([name]) => name !== '(anonymous)'), ['<module>', APP, 1, 120]])]);
  const result = bars.compareSample([node, node], hotpath, INTERVAL);
  assert.equal(result.topPass, false);
  assert.ok(
    result.topMisses.some((miss) => miss.startsWith('packages/hotpath/test/corpus/app/main.js:44((anonymous))')),
    result.topMisses.join('\n'),
  );
  assert.ok(result.sharePass, "the time is still the program's");
});

test('top five: fifth and sixth within two standard errors of the ticks are one rank', () => {
  const node = bars.functionTimes([profile(NODE)]);
  // request (60 ms, 240 ticks, under node) and parseurl (55 ms) trade places: 57 and 58 ms is
  // within two standard errors, 2 sqrt(228 + 232) ticks.
  const swapped = NODE.map(([name, file, line, ms]): [string, string, number, number] => [name, file, line, name === 'request' ? 57 : name === 'parseurl' ? 58 : ms]);
  assert.ok(bars.compareSample([node, node], bars.functionTimes([profile(swapped)]), INTERVAL).topPass);
  // parseurl far above request (58 vs 20 ms) is another top five.
  const apart = swapped.map(([name, file, line, ms]): [string, string, number, number] => [name, file, line, name === 'request' ? 20 : ms]);
  assert.equal(bars.compareSample([node, node], bars.functionTimes([profile(apart)]), INTERVAL).topPass, false);
});

test('top five: as strict as node is with itself', () => {
  const run1 = bars.functionTimes([profile(NODE)]);
  // A second node run where V8 inlined `next` into `handle`: node agrees 4/5 with itself.
  const run2 = bars.functionTimes([profile(NODE.map(([name, file, line, ms]) => [name, file, line, name === 'next' ? 1 : name === 'handle' ? 260 : ms]))]);
  const result = bars.compareSample([run1, run2], run2, INTERVAL);
  assert.equal(result.nodeSelfAgreement, 4);
  assert.ok(result.topPass);
});

test("own share: no program time in hotpath is 0% of node's", () => {
  const node = bars.functionTimes([profile(NODE)]);
  const hotpath = bars.functionTimes([
    profile([
      ['(garbage collector)', '', 0, 300],
      ['readFileSync', 'node:fs', 400, 200],
    ]),
  ]);
  const result = bars.compareSample([node, node], hotpath, INTERVAL);
  assert.equal(result.share, 0);
  assert.equal(result.sharePass, false);
  assert.equal(result.topPass, false);
});

test("output: hotpath lines may only add its table after the program's stdout", () => {
  const plain = { exitCode: 0, signal: null, stdout: 'done\n', stderr: '' };
  assert.deepEqual(bars.outputDifferences(plain, { ...plain, stdout: 'done\nTimer unit: 1e-06 s\n' }, 'lines-trace'), []);
  assert.deepEqual(bars.outputDifferences(plain, { ...plain, stdout: 'done\nTimer unit: 1e-06 s\n' }, 'sample').length, 1);
  assert.match(
    bars.outputDifferences(plain, { ...plain, exitCode: 1, stderr: 'x\nTypeError: original is not a function\n' }, 'sample').join('\n'),
    /exit 1, node 0[\s\S]*TypeError: original is not a function/,
  );
});
