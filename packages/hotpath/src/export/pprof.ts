/**
 * pprof: a gzipped `perftools.profiles.Profile` protobuf, what `go tool pprof` and
 * Pyroscope/Grafana read. Schema: https://github.com/google/pprof/blob/main/proto/profile.proto
 * Encoded with `pprof-format` (Datadog's pprof encoder for Node); gzipped with node:zlib.
 *
 * Layout: one location and one function per frame (a single mapping marked as symbolized, so
 * pprof does not try to symbolize); one sample per call-tree node, its stack leaf first, with
 * values `calls/count` (wherever the profile has counts) and `cpu/nanoseconds` (self time).
 * Graph-only profiles get one single-frame sample per function.
 *
 * Names: pprof's `-top`, `-list` and graphs merge functions by name alone, and its demangler
 * strips `<...>` and `(...)` from names that look like C++ (`<module>` became `[file]`, every
 * `(anonymous)` one row). So `name` is the callgrind writer's unique name (`(anonymous)
 * [src/a.ts:12:3]`, {@link uniqueNames}), and `system_name` is always different from it
 * (`name file:line:col`): pprof leaves a function alone when the two differ.
 *
 * Counts: a node whose count the capture took carries it. Sample mode counts functions, not
 * nodes: a function's count is split over its nodes by their self time (whole calls, largest
 * remainders first, so the function's total is exact), and a function that was never sampled
 * gets one single-frame sample with its calls and no time.
 *
 * What it loses:
 * - primitive counts and caller -> callee edge stats (pprof derives edges from stacks);
 * - the line of each call site (locations are per function, at its first line), columns,
 *   line stats; metadata beyond start time, duration and notes (as comments);
 * - for graph-only profiles, all structure;
 * - in very deep trees, the outermost frames of each stack (see {@link MAX_PPROF_LOCATIONS}).
 */
import { gzipSync } from 'node:zlib';
import { Function as PprofFunction, Line, Location, Mapping, Profile as PprofProfile, Sample, StringTable, ValueType } from 'pprof-format';
import type { Profile, TreeNode } from '../model/profile.js';
import { countsNote, writtenCounts } from './counts.js';
import { pprofValueType } from './units.js';
import { localFile, uniqueNames } from './labels.js';
import type { Exporter } from './types.js';

/** The pprof exporter. */
export const pprofExporter: Exporter = {
  name: 'pprof',
  extensions: ['.pb.gz', '.pprof'],
  openWith: 'go tool pprof, Pyroscope / Grafana',
  binary: true,
  write: (profile) => gzipSync(pprofProfile(profile).encode()),
};

/** The pprof message of a profile, before encoding. */
export function pprofProfile(profile: Profile): PprofProfile {
  const strings = new StringTable(); // index 0 is "", as the format requires
  const withCalls = profile.meta.exactness.calls !== 'none' && profile.functions.some((f) => f.calls !== null);
  const weight = pprofValueType(profile);
  const cpu = new ValueType({ type: strings.dedup(weight.type), unit: strings.dedup(weight.unit) });
  const sampleType = withCalls ? [new ValueType({ type: strings.dedup('calls'), unit: strings.dedup('count') }), cpu] : [cpu];
  const mapping = new Mapping({
    id: 1,
    filename: strings.dedup(profile.meta.command.join(' ')),
    hasFunctions: true,
    hasFilenames: true,
    hasLineNumbers: true,
  });
  const names = uniqueNames(profile);
  const functions = profile.frames.map((frame, i) => {
    const file = localFile(frame.file);
    return new PprofFunction({
      id: i + 1,
      name: strings.dedup(names[i]!),
      systemName: strings.dedup(`${frame.name || '(anonymous)'} ${file}:${frame.line}:${frame.column}`),
      filename: strings.dedup(file),
      startLine: frame.line,
    });
  });
  const locations = profile.frames.map((frame, i) => new Location({ id: i + 1, mappingId: 1, line: [new Line({ functionId: i + 1, line: frame.line })] }));
  const comments = [`hotpath ${profile.meta.mode} profile`, countsNote(profile, writtenCounts(profile)), ...profile.meta.notes];
  const { written, cut, limit } = samples(profile, withCalls ? nodeCalls(profile) : null);
  if (cut > 0) comments.push(`${cut} stacks deeper than ${limit} frames keep their innermost ${limit} (a size budget)`);
  const start = Date.parse(profile.meta.startTime);
  return new PprofProfile({
    sampleType,
    sample: written,
    mapping: [mapping],
    location: locations,
    function: functions,
    stringTable: strings,
    timeNanos: Number.isNaN(start) ? 0 : BigInt(start) * 1_000_000n,
    durationNanos: Math.round(profile.meta.duration),
    periodType: cpu,
    period: profile.meta.interval ?? 1,
    comment: comments.map((text) => strings.dedup(text)),
    defaultSampleType: cpu.type,
  });
}

// Calls of each tree node (or, graph-only, of each function by frame) as written; 0 unknown.
interface WrittenCalls {
  /** By tree node id, or by frame without a tree. */
  calls: number[];
  /** Frames with known calls and no tree node to carry them: never sampled. */
  unsampled: Array<{ frame: number; calls: number }>;
}

function nodeCalls(profile: Profile): WrittenCalls {
  const byFrame = new Map(profile.functions.map((f) => [f.frame, f.calls]));
  if (!profile.tree) {
    return { calls: profile.frames.map((_, frame) => byFrame.get(frame) ?? 0), unsampled: [] };
  }
  const calls = profile.tree.map((node) => node.calls ?? 0);
  const uncounted = new Map<number, number[]>(); // frame -> its nodes without a count
  profile.tree.forEach((node, id) => {
    if (id === 0 || node.calls !== null) return;
    const nodes = uncounted.get(node.frame);
    if (nodes) nodes.push(id);
    else uncounted.set(node.frame, [id]);
  });
  const inTree = new Set(profile.tree.map((node) => node.frame));
  const unsampled: WrittenCalls['unsampled'] = [];
  for (const f of profile.functions) {
    if (f.calls === null || f.calls === 0) continue;
    const nodes = uncounted.get(f.frame);
    if (nodes) splitCalls(f.calls, nodes, profile.tree, calls);
    else if (!inTree.has(f.frame)) unsampled.push({ frame: f.frame, calls: f.calls });
  }
  return { calls, unsampled };
}

// Splits `total` calls over `nodes` by self time, in whole calls summing to `total` exactly.
function splitCalls(total: number, nodes: number[], tree: readonly TreeNode[], calls: number[]): void {
  const weights = nodes.map((id) => tree[id]!.self);
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (sum > 0 ? (total * w) / sum : total / nodes.length));
  const whole = shares.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const byRemainder = shares.map((share, i) => [share - whole[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    whole[i]!++;
  }
  nodes.forEach((id, i) => (calls[id] = whole[i]!));
}

/**
 * Most location ids written in all: pprof repeats each sample's whole stack, so a 100,000-deep
 * call chain would take 5 billion. Where the samples' stacks would pass it, each stack keeps
 * its innermost frames, at least {@link MIN_PPROF_STACK}.
 */
export const MAX_PPROF_LOCATIONS = 4_000_000;
/** The fewest frames a stack keeps when stacks are cut. */
export const MIN_PPROF_STACK = 64;

function samples(profile: Profile, counts: WrittenCalls | null): { written: Sample[]; cut: number; limit: number } {
  const value = (calls: number, self: number) => (counts ? [calls, Math.round(self)] : [Math.round(self)]);
  if (!profile.tree) {
    const written = profile.functions.map((f) => new Sample({ locationId: [f.frame + 1], value: value(counts?.calls[f.frame] ?? 0, f.self) }));
    return { written, cut: 0, limit: 0 };
  }
  const tree = profile.tree;
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const callsOf = (id: number): number => counts?.calls[id] ?? 0;
  const sampled = (node: TreeNode, id: number): boolean => !(id === 0 && skipRoot) && (node.self > 0 || callsOf(id) > 0);
  const count = tree.reduce((n, node, id) => n + (sampled(node, id) ? 1 : 0), 0);
  const limit = Math.max(MIN_PPROF_STACK, Math.floor(MAX_PPROF_LOCATIONS / Math.max(1, count)));
  const written: Sample[] = [];
  let cut = 0;
  tree.forEach((node: TreeNode, id) => {
    if (!sampled(node, id)) return;
    const { stack, complete } = stackOf(tree, id, skipRoot, limit);
    if (!complete) cut++;
    written.push(new Sample({ locationId: stack, value: value(callsOf(id), node.self) }));
  });
  // Counted functions that no sample reached: their calls, on a stack of their own.
  for (const { frame, calls } of counts?.unsampled ?? []) {
    written.push(new Sample({ locationId: [frame + 1], value: value(calls, 0) }));
  }
  return { written, cut, limit };
}
// The node's stack, leaf first, walked up the parent links (no stack is stored per node), and
// whether it reached the root within `limit` frames.
function stackOf(tree: readonly TreeNode[], id: number, skipRoot: boolean, limit: number): { stack: number[]; complete: boolean } {
  const stack: number[] = [];
  let at = id;
  for (; at >= 0 && !(at === 0 && skipRoot); at = tree[at]!.parent) {
    if (stack.length === limit) return { stack, complete: false };
    stack.push(tree[at]!.frame + 1);
  }
  return { stack, complete: true };
}
