/**
 * Chrome / V8 `.cpuprofile`: what `node --cpu-prof` writes and the DevTools Performance panel
 * (and VS Code, speedscope) loads. Definition: `Profiler.Profile` in the Chrome DevTools
 * Protocol, https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 * - `nodes`: the call tree, `{ id, callFrame: { functionName, scriptId, url, lineNumber,
 *   columnNumber }, hitCount, children }` with 0-based lines and columns, the root `(root)`;
 * - `samples` (node ids) and `timeDeltas` (µs since the previous sample), `startTime` and
 *   `endTime` (µs). A sample lasts until the next one; the last one until `endTime`.
 *
 * A profile with a timeline of its samples (sample mode, one thread: {@link Profile.timelines})
 * gets its real samples, in the order they were taken, with their deltas: DevTools' flame
 * chart and speedscope's Time Order then show the run as it went. Gaps in the timeline (the
 * event loop idle, the profiler's own work) are samples of an `(idle)` node under the root,
 * which DevTools shows as idle and which no function's time includes, as in hotpath's tables.
 *
 * Otherwise samples are synthesised from the tree's self times: walking the tree depth-first, each
 * node's self time becomes samples of at most the sampling interval (the capture's interval,
 * else 100 µs, lengthened where the samples would pass {@link MAX_SYNTHESISED_SAMPLES}), the
 * last one shorter. Deltas are fractional µs (to the ns) so self times read back exactly.
 * `startTime` is {@link START_TIME_US}, a monotonic-looking time like V8's own: DevTools takes
 * 0 for "no time" (its trace bounds come out null, the flame chart empty and the totals
 * negative), and a wall-clock epoch in µs (1.7e15) would round the deltas away.
 *
 * What it loses:
 * - call counts (a cpuprofile has none), primitive counts, line stats, metadata;
 * - real chronology, where there is no timeline (trace mode, imports, several threads: a
 *   cpuprofile is one thread's), or its samples do not hold all the tree's time (child
 *   processes): the timeline is then a layout of the aggregated tree, not the order of calls;
 * - for graph-only profiles (no tree), all structure: each function hangs off the root.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { V8CpuProfileOut } from '../capture/v8-types.js';
import type { Frame, Profile, SampleTimeline, TreeNode } from '../model/profile.js';
import { timelinesCoverTree } from '../model/timeline.js';
import type { Exporter, ExportOptions } from './types.js';
import { refuseNonTime } from './units.js';

/** The cpuprofile exporter. */
export const cpuprofileExporter: Exporter = {
  name: 'cpuprofile',
  extensions: ['.cpuprofile'],
  openWith: 'Chrome DevTools (Performance panel), VS Code, speedscope',
  binary: false,
  refuse: refuseNonTime('.cpuprofile'),
  write: (profile, options) => JSON.stringify(cpuProfile(profile, options)) + '\n',
};

/** Default longest synthesised sample when the profile has no interval of its own, ns. */
export const DEFAULT_SAMPLE_INTERVAL = 100_000;

/**
 * The `startTime` written, µs: 1000 s into a monotonic clock, as `node --cpu-prof` writes its
 * own (process-relative µs). At 1e9 a double still resolves 1e-7 µs, so the ns survive.
 */
export const START_TIME_US = 1e9;

/** A cpuprofile, as `node --cpu-prof` writes it. */
export type CpuProfile = V8CpuProfileOut;
/** A node of a cpuprofile. */
export type CpuProfileNode = CpuProfile['nodes'][number];

/**
 * Most samples synthesised: beyond it the samples get longer, so that a profile of huge times
 * (the model allows up to 2^53 ns) is laid out in bounded memory; self times stay exact.
 */
export const MAX_SYNTHESISED_SAMPLES = 1_000_000;

/** The cpuprofile of a profile, as a JSON value. */
export function cpuProfile(profile: Profile, options: ExportOptions = {}): CpuProfile {
  const { frames, tree, shift } = rootedTree(profile);
  const asked = options.sampleInterval ?? profile.meta.interval ?? DEFAULT_SAMPLE_INTERVAL;
  const selfTotal = tree.reduce((sum, node) => sum + node.self, 0);
  const interval = Math.max(1, asked, Math.ceil(selfTotal / MAX_SYNTHESISED_SAMPLES));
  const scripts = new Map<string, string>();
  const nodes: CpuProfileNode[] = tree.map((node) => ({
    id: node.id + 1,
    callFrame: callFrame(frames[node.frame]!, scripts),
    hitCount: 0,
    children: [],
  }));
  for (const node of tree.slice(1)) nodes[node.parent]!.children.push(node.id + 1);
  const timeline = profile.timelines?.length === 1 && timelinesCoverTree(profile) ? profile.timelines[0]! : null;
  const { samples, durations } = timeline ? realSamples(timeline, nodes, shift, scripts) : synthesisedSamples(tree, nodes, interval);
  // A last sample of the root, of no length: readers that give each sample the time to the
  // next one (speedscope) and those that run the last one to endTime (DevTools) then agree.
  if (samples.length > 0) {
    samples.push(1);
    durations.push(0);
    nodes[0]!.hitCount++;
  }
  const micros = (ns: number): number => Math.round(ns) / 1000;
  const timeDeltas = samples.map((_, i) => (i === 0 ? 0 : micros(durations[i - 1]!)));
  const endTime = START_TIME_US + micros(durations.reduce((sum, d) => sum + d, 0));
  return { nodes, startTime: START_TIME_US, endTime, samples, timeDeltas };
}

interface Samples {
  samples: number[];
  durations: number[];
}

// Each node's self time as samples of at most `interval`, depth first.
function synthesisedSamples(tree: readonly TreeNode[], nodes: CpuProfileNode[], interval: number): Samples {
  const samples: number[] = [];
  const durations: number[] = [];
  for (const id of preorder(nodes)) {
    for (let left = tree[id - 1]!.self; left > 0; left -= interval) {
      samples.push(id);
      durations.push(Math.min(left, interval));
      nodes[id - 1]!.hitCount++;
    }
  }
  return { samples, durations };
}

// The timeline's samples on the written nodes (profile node n is cpuprofile node n + shift +
// 1); gaps go to an `(idle)` child of the root, added when there is one.
function realSamples(timeline: SampleTimeline, nodes: CpuProfileNode[], shift: number, scripts: Map<string, string>): Samples {
  let idle = 0;
  const samples = Array.from(timeline.nodes, (node) => {
    if (node >= 0) return node + shift + 1;
    if (idle === 0) {
      idle = nodes.length + 1;
      const frame: Frame = { name: '(idle)', file: '', line: 0, column: 0, category: 'special' };
      nodes.push({ id: idle, callFrame: callFrame(frame, scripts), hitCount: 0, children: [] });
      nodes[0]!.children.push(idle);
    }
    return idle;
  });
  for (const id of samples) nodes[id - 1]!.hitCount++;
  return { samples, durations: Array.from(timeline.durations) };
}

// The tree with V8's `(root)` at the top: the profile's own root when it is one, else a new
// root above it (`shift` 1: node ids move up by one). A graph-only profile gets a flat tree,
// one child of the root per function.
function rootedTree(profile: Profile): { frames: Frame[]; tree: TreeNode[]; shift: number } {
  const root: Frame = { name: '(root)', file: '', line: 0, column: 0, category: 'special' };
  const rootFrame = profile.frames.length;
  const frames = [...profile.frames, root];
  if (!profile.tree) {
    const flat = profile.functions.map((f, i) => ({
      id: i + 1,
      parent: 0,
      frame: f.frame,
      calls: f.calls,
      self: f.self,
    }));
    return { frames, tree: [{ id: 0, parent: -1, frame: rootFrame, calls: null, self: 0 }, ...flat], shift: 1 };
  }
  if (profile.frames[profile.tree[0]!.frame]?.name === '(root)') return { frames, tree: profile.tree, shift: 0 };
  const shifted = profile.tree.map((node) => ({ ...node, id: node.id + 1, parent: node.parent + 1 }));
  return { frames, tree: [{ id: 0, parent: -1, frame: rootFrame, calls: null, self: 0 }, ...shifted], shift: 1 };
}

function callFrame(frame: Frame, scripts: Map<string, string>): CpuProfileNode['callFrame'] {
  const url = path.isAbsolute(frame.file) ? pathToFileURL(frame.file).href : frame.file;
  let scriptId = url === '' ? '0' : scripts.get(url);
  if (scriptId === undefined) {
    scriptId = String(scripts.size + 1);
    scripts.set(url, scriptId);
  }
  // The protocol's positions are 0-based; -1 means unknown, as V8 writes for `(root)`.
  return {
    functionName: frame.name,
    scriptId,
    url,
    lineNumber: frame.line - 1,
    columnNumber: frame.column - 1,
  };
}

function preorder(nodes: CpuProfileNode[]): number[] {
  const order: number[] = [];
  const stack = [1];
  while (stack.length > 0) {
    const id = stack.pop()!;
    order.push(id);
    const children = nodes[id - 1]!.children;
    for (let c = children.length - 1; c >= 0; c--) stack.push(children[c]!);
  }
  return order;
}
