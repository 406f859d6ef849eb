/**
 * pprof: a gzipped `perftools.profiles.Profile` protobuf, what `go tool pprof` and
 * Pyroscope/Grafana read. Schema: https://github.com/google/pprof/blob/main/proto/profile.proto
 * Encoded with `pprof-format` (Datadog's pprof encoder for Node); gzipped with node:zlib.
 *
 * Layout: one location and one function per frame (name, file, start line; a single mapping
 * marked as symbolized, so pprof does not try to symbolize); one sample per call-tree node, its
 * stack leaf first, with values `calls/count` (only when the profile has counts) and
 * `cpu/nanoseconds` (self time). Graph-only profiles get one single-frame sample per function.
 *
 * What it loses:
 * - primitive counts and caller -> callee edge stats (pprof derives edges from stacks);
 * - the line of each call site (locations are per function, at its first line), columns,
 *   line stats; metadata beyond start time, duration and notes (as comments);
 * - for graph-only profiles, all structure;
 * - in very deep trees, the outermost frames of each stack (see {@link MAX_PPROF_LOCATIONS}).
 */
import { gzipSync } from 'node:zlib';
import {
  Function as PprofFunction,
  Line,
  Location,
  Mapping,
  Profile as PprofProfile,
  Sample,
  StringTable,
  ValueType,
} from 'pprof-format';
import type { Profile, TreeNode } from '../model/profile.js';
import { countsNote, writtenCounts } from './counts.js';
import { localFile } from './labels.js';
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
  const withCalls =
    profile.meta.exactness.calls !== 'none' && profile.functions.every((f) => f.calls !== null);
  const cpu = new ValueType({ type: strings.dedup('cpu'), unit: strings.dedup('nanoseconds') });
  const sampleType = withCalls
    ? [new ValueType({ type: strings.dedup('calls'), unit: strings.dedup('count') }), cpu]
    : [cpu];
  const mapping = new Mapping({
    id: 1,
    filename: strings.dedup(profile.meta.command.join(' ')),
    hasFunctions: true,
    hasFilenames: true,
    hasLineNumbers: true,
  });
  const functions = profile.frames.map(
    (frame, i) =>
      new PprofFunction({
        id: i + 1,
        name: strings.dedup(frame.name || '(anonymous)'),
        systemName: strings.dedup(frame.name || '(anonymous)'),
        filename: strings.dedup(localFile(frame.file)),
        startLine: frame.line,
      }),
  );
  const locations = profile.frames.map(
    (frame, i) =>
      new Location({ id: i + 1, mappingId: 1, line: [new Line({ functionId: i + 1, line: frame.line })] }),
  );
  const comments = [
    `hotpath ${profile.meta.mode} profile`,
    countsNote(profile, writtenCounts(profile)),
    ...profile.meta.notes,
  ];
  const { written, cut, limit } = samples(profile, withCalls);
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

/**
 * Most location ids written in all: pprof repeats each sample's whole stack, so a 100,000-deep
 * call chain would take 5 billion. Where the samples' stacks would pass it, each stack keeps
 * its innermost frames, at least {@link MIN_PPROF_STACK}.
 */
export const MAX_PPROF_LOCATIONS = 4_000_000;
/** The fewest frames a stack keeps when stacks are cut. */
export const MIN_PPROF_STACK = 64;

function samples(profile: Profile, withCalls: boolean): { written: Sample[]; cut: number; limit: number } {
  const value = (calls: number | null, self: number) =>
    withCalls ? [calls ?? 0, Math.round(self)] : [Math.round(self)];
  if (!profile.tree) {
    const written = profile.functions.map(
      (f) => new Sample({ locationId: [f.frame + 1], value: value(f.calls, f.self) }),
    );
    return { written, cut: 0, limit: 0 };
  }
  const tree = profile.tree;
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const sampled = (node: TreeNode, id: number): boolean =>
    !(id === 0 && skipRoot) && (node.self > 0 || Boolean(withCalls && node.calls));
  const count = tree.reduce((n, node, id) => n + (sampled(node, id) ? 1 : 0), 0);
  const limit = Math.max(MIN_PPROF_STACK, Math.floor(MAX_PPROF_LOCATIONS / Math.max(1, count)));
  const written: Sample[] = [];
  let cut = 0;
  tree.forEach((node: TreeNode, id) => {
    if (!sampled(node, id)) return;
    const { stack, complete } = stackOf(tree, id, skipRoot, limit);
    if (!complete) cut++;
    written.push(new Sample({ locationId: stack, value: value(node.calls, node.self) }));
  });
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
