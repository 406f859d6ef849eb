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
 * - for graph-only profiles, all structure.
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
import { displayName, localFile } from './labels.js';
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
        name: strings.dedup(displayName(profile, frame)),
        systemName: strings.dedup(displayName(profile, frame)),
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
  const start = Date.parse(profile.meta.startTime);
  return new PprofProfile({
    sampleType,
    sample: samples(profile, withCalls),
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

function samples(profile: Profile, withCalls: boolean): Sample[] {
  const value = (calls: number | null, self: number) =>
    withCalls ? [calls ?? 0, Math.round(self)] : [Math.round(self)];
  if (!profile.tree) {
    return profile.functions.map(
      (f) => new Sample({ locationId: [f.frame + 1], value: value(f.calls, f.self) }),
    );
  }
  const tree = profile.tree;
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const stacks: number[][] = [];
  const out: Sample[] = [];
  tree.forEach((node: TreeNode, id) => {
    const parent = node.parent >= 0 ? stacks[node.parent]! : [];
    stacks[id] = id === 0 && skipRoot ? [] : [node.frame + 1, ...parent];
    if (stacks[id]!.length === 0 || (node.self === 0 && !(withCalls && node.calls))) return;
    out.push(new Sample({ locationId: stacks[id], value: value(node.calls, node.self) }));
  });
  return out;
}
