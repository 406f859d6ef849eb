/**
 * pstats: the file cProfile writes (`cProfile.run(..., 'out.prof')`, `Profile.dump_stats`) and
 * Python's `pstats.Stats` loads, so snakeviz, tuna, pyprof2calltree and gprof2dot open hotpath
 * profiles. Definition: `pstats.Stats.load_stats` (https://docs.python.org/3/library/profile.html)
 * unmarshals one dict,
 *   {(file, line, name): (cc, nc, tt, ct, {caller_key: (nc, cc, tt, ct)})}
 * where nc counts all calls, cc the primitive (non-recursive) ones, tt is the time in the
 * function's own code and ct the time including callees, in seconds (floats). Note the swapped
 * order in the callers' tuples, which is how cProfile writes them.
 *
 * What it loses:
 * - the call tree (pstats is a call graph), columns, frame categories, line stats, metadata;
 * - nanosecond precision beyond a double's;
 * - the difference between a count and an unknown count: sampled profiles have no counts, and
 *   pstats has no way to say so, so lower bounds are written (see `counts.ts`). Functions
 *   without a file are keyed `('~', 0, name)`, as cProfile keys built-ins.
 */
import type { Profile } from '../model/profile.js';
import { edgeKey, writtenCounts, type WrittenCount } from './counts.js';
import { localFile, displayName } from './labels.js';
import { marshal, type PyValue } from './marshal.js';
import type { Exporter } from './types.js';
import { refuseNonTime } from './units.js';

/** The pstats exporter. */
export const pstatsExporter: Exporter = {
  name: 'pstats',
  extensions: ['.pstats', '.prof'],
  openWith: "Python's pstats, snakeviz, tuna, gprof2dot -f pstats, pyprof2calltree",
  binary: true,
  // pstats.Stats refuses an empty dict ("Cannot create or construct a Stats object").
  refuse: (profile) =>
    refuseNonTime('pstats')(profile) ??
    (profile.functions.length === 0 && profile.edges.length === 0 ? "holds no functions, and Python's pstats cannot load an empty profile" : null),
  write: writePstats,
};

/** The marshalled pstats dict of a profile. */
export function writePstats(profile: Profile): Uint8Array {
  const keys = pstatsKeys(profile);
  const counts = writtenCounts(profile);
  const entries = new Map<number, { stats: PyValue[]; callers: Map<PyValue, PyValue> }>();
  const entry = (frame: number) => {
    let found = entries.get(frame);
    if (!found) {
      found = { stats: [0n, 0n, 0, 0], callers: new Map() };
      entries.set(frame, found);
    }
    return found;
  };
  for (const f of profile.functions) {
    const { calls, primitiveCalls } = counts.functions.get(f.frame)!;
    entry(f.frame).stats = [BigInt(primitiveCalls), BigInt(calls), seconds(f.self), seconds(f.total)];
  }
  for (const e of profile.edges) {
    entry(e.caller); // every caller has an entry of its own: readers look callers up
    const count: WrittenCount = counts.edges.get(edgeKey(e.caller, e.callee))!;
    const stats = [BigInt(count.calls), BigInt(count.primitiveCalls), seconds(e.self), seconds(e.total)];
    entry(e.callee).callers.set(keys[e.caller]!, stats);
  }
  const dict = new Map<PyValue, PyValue>();
  for (const [frame, { stats, callers }] of entries) dict.set(keys[frame]!, [...stats, callers]);
  return marshal(dict);
}

function seconds(ns: number): number {
  return ns / 1e9;
}

// (file, line, name) per frame, as cProfile keys code objects. Two frames with the same key
// (same name on the same line, different columns) would overwrite each other in the dict, so
// the later one gets its column in the name.
function pstatsKeys(profile: Profile): PyValue[] {
  const seen = new Set<string>();
  return profile.frames.map((frame) => {
    const file = localFile(frame.file);
    // A frame of one thread among several (`--threads separate`) says which.
    const name = frame.thread === undefined ? frame.name : displayName(profile, frame);
    const key: [string, bigint, string] = file === '' ? ['~', 0n, name] : [file, BigInt(frame.line), name];
    let id = JSON.stringify(key, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (seen.has(id)) {
      key[2] = `${name} (column ${frame.column})`;
      id += `#${frame.column}`;
    }
    seen.add(id);
    return key;
  });
}
