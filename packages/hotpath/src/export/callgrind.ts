/**
 * Callgrind format, for KCachegrind / QCacheGrind and valgrind's `callgrind_annotate`.
 * Spec: https://valgrind.org/docs/manual/cl-format.html
 *
 * Layout, as pyprof2calltree writes Python profiles:
 * - one event, `ns` (nanoseconds, integers);
 * - files relative to the profile's cwd where inside it (`fl=examples/taylor.ts`), as
 *   pyprof2calltree writes them: `callgrind_annotate` run from there finds the sources, and
 *   does not list each function twice, once under an absolute and once under a relative name;
 * - per function a `fl=`/`fn=` block (names compressed: `fn=(3) factorial` once, `fn=(3)`
 *   after) with its self cost on the line where the function starts;
 * - per callee a `cfl=`/`cfn=` pair, `calls=COUNT CALLEE_LINE`, then the inclusive cost of those
 *   calls, on the caller's start line.
 *
 * What it loses:
 * - the call tree: callgrind holds a call graph (caller -> callee pairs), so the cost of a
 *   function cannot be split by the path that reached it, only by its direct caller;
 * - call sites: the model does not know the line of each call, so calls are placed on the
 *   caller's first line, and self cost is not split by line;
 * - primitive (non-recursive) call counts: callgrind has only total calls per edge;
 * - unknown counts (sampling): written as lower bounds, since `calls=0` is read as no call by
 *   every reader; the file's `desc:` lines say which counts are exact, estimated or bounds;
 * - callers of functions that were counted but never sampled: their calls come from one
 *   caller of no cost, `(caller not sampled)`, so readers still show the exact count
 *   (KCachegrind's "Called" column counts incoming `calls=` lines);
 * - columns, frame categories, and the metadata beyond the command.
 */
import type { Profile } from '../model/profile.js';
import { VERSION } from '../version.js';
import { countsNote, edgeKey, totalTime, writtenCounts } from './counts.js';
import { displayFile, oneLine, uniqueNames } from './labels.js';
import type { Exporter } from './types.js';
import { callgrindEvent, weightName } from './units.js';

/** The callgrind exporter. */
export const callgrindExporter: Exporter = {
  name: 'callgrind',
  extensions: ['.callgrind'],
  prefixes: ['callgrind.out'],
  openWith: 'KCachegrind, QCacheGrind, callgrind_annotate',
  binary: false,
  write: writeCallgrind,
};

/** The callgrind text of a profile. */
export function writeCallgrind(profile: Profile): string {
  const names = uniqueNames(profile);
  const files = profile.frames.map((frame) => oneLine(displayFile(frame.file, profile.meta.cwd)) || '???');
  const fileIds = new Compressor();
  const fnIds = new Compressor();
  const counts = writtenCounts(profile);
  const lines = header(profile, countsNote(profile, counts));
  const calls = new Map<number, Profile['edges']>();
  for (const edge of profile.edges) {
    const list = calls.get(edge.caller);
    if (list) list.push(edge);
    else calls.set(edge.caller, [edge]);
  }
  const self = new Map(profile.functions.map((f) => [f.frame, f.self]));
  const callers = [...new Set([...self.keys(), ...calls.keys()])].sort((a, b) => a - b);
  for (const frame of callers) {
    const line = profile.frames[frame]!.line;
    lines.push('', `fl=${fileIds.name(files[frame]!)}`, `fn=${fnIds.name(names[frame]!)}`);
    lines.push(`${line} ${integer(self.get(frame) ?? 0)}`);
    for (const edge of calls.get(frame) ?? []) {
      const count = counts.edges.get(edgeKey(edge.caller, edge.callee))!.calls;
      lines.push(`cfl=${fileIds.name(files[edge.callee]!)}`, `cfn=${fnIds.name(names[edge.callee]!)}`);
      // calls=0 would make readers take the next line as self cost: never below 1.
      lines.push(`calls=${Math.max(1, count)} ${profile.frames[edge.callee]!.line}`);
      lines.push(`${line} ${integer(edge.total)}`);
    }
  }
  const unsampled = uncalledCounts(profile);
  if (unsampled.length > 0) {
    lines.push('', `fl=${fileIds.name('???')}`, `fn=${fnIds.name(UNSAMPLED_CALLER)}`, '0 0');
    for (const f of unsampled) {
      lines.push(`cfl=${fileIds.name(files[f.frame]!)}`, `cfn=${fnIds.name(names[f.frame]!)}`);
      lines.push(`calls=${f.calls} ${profile.frames[f.frame]!.line}`, '0 0');
    }
  }
  return lines.join('\n') + '\n';
}

/** The caller given to functions whose calls were counted but whose callers were never seen. */
export const UNSAMPLED_CALLER = '(caller not sampled)';

// Functions with a known count but no incoming edge: counted (sample mode's counters) but
// never on a sampled stack, so no caller is known. Top-level code (<module>) has no caller
// either, but is entered once by the runtime, which is what the tree's root stands for.
function uncalledCounts(profile: Profile): Array<{ frame: number; calls: number }> {
  if (profile.meta.mode !== 'sample') return [];
  const called = new Set(profile.edges.map((e) => e.callee));
  const inTree = new Set(profile.tree?.map((node) => node.frame) ?? []);
  return profile.functions.filter((f) => f.calls !== null && f.calls > 0 && !called.has(f.frame) && !inTree.has(f.frame)).map((f) => ({ frame: f.frame, calls: f.calls! }));
}

function header(profile: Profile, countNote: string): string[] {
  const total = integer(totalTime(profile));
  const descriptions = [
    profile.unit === 'ns' ? `hotpath ${profile.meta.mode} profile, times in nanoseconds (${profile.meta.exactness.time})` : `hotpath profile of ${weightName(profile)}`,
    countNote,
    'calls are placed on the first line of the calling function: call sites are not recorded',
    ...profile.meta.notes,
  ];
  return [
    '# callgrind format',
    'version: 1',
    `creator: hotpath ${VERSION}`,
    `cmd: ${oneLine(profile.meta.command.join(' '))}`,
    ...descriptions.map((text) => `desc: ${oneLine(text)}`),
    'positions: line',
    `event: ${callgrindEvent(profile).line}`,
    `events: ${callgrindEvent(profile).name}`, // callgrind_annotate: `events:` ends the header
    `summary: ${total}`,
    `totals: ${total}`,
  ];
}

// Name compression: the first use of a name defines `(id) name`, later uses are `(id)` alone.
class Compressor {
  private readonly ids = new Map<string, number>();

  name(text: string): string {
    const id = this.ids.get(text);
    if (id !== undefined) return `(${id})`;
    this.ids.set(text, this.ids.size + 1);
    return `(${this.ids.size}) ${text}`;
  }
}

// Costs are integers: from 1e21 up, String() would write `1e+21`, which readers take as 1.
function integer(ns: number): string {
  const rounded = Math.round(ns);
  return rounded < 1e21 ? String(rounded) : BigInt(rounded).toString();
}
