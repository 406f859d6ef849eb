// Sample timelines: a real capture of a program that calls a() then b() keeps the order of its
// samples, consistent with the tree's times; the file keeps it compactly and refuses a bad one;
// folding and merging threads remap it, adding runs drops it; the cpuprofile and speedscope
// exports write it in order; the view gets it as runs and lays it out as a flame chart.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { cpuProfile } from '../src/export/cpuprofile.js';
import { speedscopeFile } from '../src/export/speedscope.js';
import { parseAnyProfile } from '../src/import/read-any.js';
import { addProfiles } from '../src/model/add.js';
import { parseProfile, serializeProfile } from '../src/model/file.js';
import { foldProfile } from '../src/model/fold.js';
import { makeFrame } from '../src/model/frames.js';
import { mergeProfiles, withThread } from '../src/model/merge.js';
import type { Profile, SampleTimeline } from '../src/model/profile.js';
import { timelinesCoverTree } from '../src/model/timeline.js';
import { layoutTimeline } from '../src/view/page/timeline-layout.js';
import { buildViewData } from '../src/view/view-data.js';
import { profileFromTree, treeBuilder } from './fixtures.js';
import { FIXTURES, hotpath, tempDir } from './profile-helpers.js';

const PROGRAM = path.join(FIXTURES, 'programs/a-then-b.cjs');
let file: string;
let profile: Profile;

before(() => {
  file = path.join(tempDir(), 'ab.json');
  const run = hotpath(['profile', '-o', file, PROGRAM]);
  assert.equal(run.status, 0, run.stderr);
  profile = parseProfile(fs.readFileSync(file, 'utf8'), file);
});

/** The tree nodes at or under a function named `name`. */
function under(p: Profile, name: string): Set<number> {
  const inside = new Set<number>();
  for (const node of p.tree!) {
    if (p.frames[node.frame]!.name === name || inside.has(node.parent)) inside.add(node.id);
  }
  return inside;
}

/** Indices of the samples of `timeline` under `name`. */
function samplesUnder(p: Profile, timeline: SampleTimeline, name: string): number[] {
  const nodes = under(p, name);
  const found: number[] = [];
  timeline.nodes.forEach((node, i) => nodes.has(node) && found.push(i));
  return found;
}

test("a sample profile keeps its samples in order: a's all come before b's, and they add up to the tree", () => {
  assert.equal(profile.timelines?.length, 1);
  const timeline = profile.timelines[0]!;
  assert.equal(timeline.thread, 0);
  assert.ok(timeline.nodes instanceof Int32Array && timeline.durations instanceof Float64Array);
  const a = samplesUnder(profile, timeline, 'a');
  const b = samplesUnder(profile, timeline, 'b');
  assert.ok(a.length >= 20 && b.length >= 20, `${a.length} samples of a, ${b.length} of b`);
  assert.ok(a[a.length - 1]! < b[0]!, `a's last sample ${a[a.length - 1]}, b's first ${b[0]}`);
  // Every node's self time is its samples' durations; idle and the profiler's work are gaps.
  assert.ok(timelinesCoverTree(profile));
  assert.ok(timeline.nodes.includes(-1));
});

test('the file holds a timeline as whole µs steps, and reads it back as it was', () => {
  const text = fs.readFileSync(file, 'utf8');
  const stored = (JSON.parse(text) as { timelines: Array<{ step: number; nodes: number[]; durations: number[] }> }).timelines[0]!;
  assert.equal(stored.step, 1000);
  assert.ok(Array.isArray(stored.nodes) && stored.durations.every(Number.isInteger));
  const back = parseProfile(serializeProfile(profile), 'again.json');
  assert.deepEqual(back.timelines, profile.timelines);
});

test('a bad timeline is refused, naming the field', () => {
  const { tree, add } = treeBuilder(0);
  add(0, 1, null, 5);
  const small = profileFromTree([makeFrame('(root)', '', 0, 0), makeFrame('f', '/p/f.js', 1, 1)], tree);
  const withTimeline = (timeline: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
    serializeProfile(small).replace(/\n$/, '').slice(0, -1) +
    `,"timelines":[${JSON.stringify(timeline)}]${Object.keys(extra).length ? ',' + JSON.stringify(extra).slice(1, -1) : ''}}`;
  const good = { thread: 0, start: 0, step: 1000, nodes: [1, -1], durations: [5, 1] };
  assert.deepEqual(parseProfile(withTimeline(good), 'ok.json').timelines![0]!.durations, Float64Array.from([5000, 1000]));
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ ...good, nodes: [2, -1] }, /timelines\[0\]\.nodes\[0\] must be a tree node id below 2, or -1/],
    [{ ...good, durations: [5] }, /timelines\[0\]\.durations must be as long as its nodes \(2\)/],
    [{ ...good, durations: [5, -1] }, /timelines\[0\]\.durations\[1\] must be a number from 0 up/],
    [{ ...good, step: 0 }, /timelines\[0\]\.step must be/],
    [{ ...good, durations: [2 ** 53, 0], step: 1 }, /durations\[0\]/],
  ];
  for (const [timeline, message] of bad) assert.throws(() => parseProfile(withTimeline(timeline), 'bad.json'), message);
  const noTree =
    serializeProfile({ ...small, tree: undefined })
      .replace(/\n$/, '')
      .slice(0, -1) + `,"timelines":[${JSON.stringify(good)}]}`;
  assert.throws(() => parseProfile(noTree, 'bad.json'), /timelines must be absent in a profile without a tree/);
});

test('folding and merging threads move the samples to the new nodes; adding runs drops them', () => {
  const folded = foldProfile(profile);
  assert.ok(folded.tree!.length < profile.tree!.length, 'Node internals were folded');
  assert.ok(timelinesCoverTree(folded));
  assert.deepEqual(samplesUnder(folded, folded.timelines![0]!, 'a'), samplesUnder(profile, profile.timelines![0]!, 'a'));
  const merged = mergeProfiles([withThread(profile, 0), withThread(profile, 1)]);
  assert.deepEqual(
    merged.timelines!.map((t) => t.thread),
    [0, 1],
  );
  assert.ok(timelinesCoverTree(merged));
  assert.equal(
    addProfiles([
      { file: 'x.json', profile },
      { file: 'y.json', profile },
    ]).timelines,
    undefined,
  );
});

test("the cpuprofile export writes the real samples and deltas, a's before b's, and imports back the same", () => {
  const out = cpuProfile(profile);
  const names = out.samples.map((id) => out.nodes[id - 1]!.callFrame.functionName);
  // Which of a and b each sample's stack is in (node ids are positions + 1, parents first).
  const within = new Map<number, string>();
  for (const node of out.nodes) {
    const name = node.callFrame.functionName;
    for (const child of node.children) within.set(child, name === 'a' || name === 'b' ? name : (within.get(node.id) ?? ''));
  }
  const stacks = out.samples.map((id) => within.get(id) ?? '');
  const timeline = profile.timelines![0]!;
  assert.equal(out.samples.length, timeline.nodes.length + 1); // and the closing sample of the root
  assert.deepEqual(
    out.timeDeltas.slice(1, 6),
    Array.from(timeline.durations.slice(0, 5), (d) => d / 1000),
  );
  assert.ok(stacks.includes('a') && stacks.lastIndexOf('a') < stacks.indexOf('b'));
  assert.ok(names.includes('(idle)'), 'gaps are samples of (idle)');
  const back = parseAnyProfile(Buffer.from(JSON.stringify(out)), 'ab.cpuprofile');
  const again = back.timelines![0]!;
  assert.deepEqual(samplesUnder(back, again, 'a'), samplesUnder(profile, timeline, 'a'));
  assert.deepEqual(samplesUnder(back, again, 'b'), samplesUnder(profile, timeline, 'b'));
});

test('the speedscope export is the samples in time order: a is entered and left before b is entered', () => {
  const out = speedscopeFile(profile) as {
    shared: { frames: Array<{ name: string }> };
    profiles: Array<{ type: string; events: Array<{ type: string; at: number; frame: number }>; endValue: number }>;
  };
  const [only] = out.profiles;
  assert.equal(out.profiles.length, 1);
  assert.equal(only!.type, 'evented');
  const at = (type: string, name: string) => only!.events.filter((e) => e.type === type && out.shared.frames[e.frame]!.name === name).map((e) => e.at);
  assert.ok(Math.max(...at('C', 'a')) <= Math.min(...at('O', 'b')));
  const timeline = profile.timelines![0]!;
  assert.equal(
    only!.endValue,
    timeline.durations.reduce((sum, d) => sum + d, 0),
  );
});

test('the view gets the timeline as runs of one node, laid out as spans: a before b along x', () => {
  const data = buildViewData(profile, { sourceLimits: { maxFileBytes: 0, maxTotalBytes: 0 } });
  const [timeline] = data.timelines!;
  assert.equal(data.timelines!.length, 1);
  assert.equal(timeline!.start, 0);
  assert.ok(
    timeline!.node.every((node, i) => i === 0 || node !== timeline!.node[i - 1]),
    'consecutive samples of a node are one run',
  );
  const layout = layoutTimeline(data.tree!.parent, timeline!.node, timeline!.duration, timeline!.start);
  const spansOf = (name: string) => layout.spans.filter((s) => data.frames[data.tree!.frame[s.node]!]!.name === name);
  const [a, b] = [spansOf('a'), spansOf('b')];
  assert.ok(a.length > 0 && b.length > 0);
  assert.ok(Math.max(...a.map((s) => s.end)) <= Math.min(...b.map((s) => s.start)));
});

test('the flame-chart layout merges consecutive samples per depth and closes everything at a gap', () => {
  // root 0 -> main 1 -> (f 2, g 3); samples: f, f, g, gap, main.
  const parent = [-1, 0, 1, 1];
  const layout = layoutTimeline(parent, [2, 3, -1, 1], [20, 5, 10, 7], 100);
  assert.deepEqual(layout.spans, [
    { node: 1, depth: 0, start: 100, end: 125 },
    { node: 2, depth: 1, start: 100, end: 120 },
    { node: 3, depth: 1, start: 120, end: 125 },
    { node: 1, depth: 0, start: 135, end: 142 },
  ]);
  assert.equal(layout.maxDepth, 1);
  assert.equal(layout.end, 142);
});
