/**
 * Adding profiles of one run: the threads of a process (worker threads), or the processes
 * of a program (`--include-children`). A pure Profile[] -> Profile processor.
 *
 * - Frames are the same function when name, file, position, category and thread agree;
 *   tag each part's frames with {@link tagThread} first to keep threads apart.
 * - Functions, edges and lines are summed per frame (and caller/callee, and line). A count
 *   is `null` only where every part has it `null`: a part that could not count a function
 *   adds nothing to the parts that did.
 * - Call trees are merged path by path from the roots (the threads' `(root)`s become one),
 *   so the flame graph of a merged profile is the sum of its parts'.
 * - Sample timelines are kept, one per thread, their samples moved to the merged tree's
 *   nodes: each thread's order stays true, and together they still add up to the tree. A part
 *   whose thread id an earlier part has already (the main thread of each process, with
 *   `--include-children`) loses its timeline: give each part its thread with
 *   {@link withThread}, and drop what cannot be told apart (assemble.ts keeps the main
 *   process's).
 * - Meta comes from the first part (the main thread / process), with the notes of all parts.
 */
import type { Edge, Exactness, Frame, FunctionStats, LineStats, Profile, SampleTimeline, TreeNode } from './profile.js';
import { remapTimelines } from './timeline.js';

const frameKey = (f: Frame): string => `${f.name}\0${f.file}\0${f.line}\0${f.column}\0${f.category}\0${f.thread ?? ''}`;

/** A copy of `profile` whose frames say they ran on thread `id` (the tree's root excepted). */
export function tagThread(profile: Profile, id: number): Profile {
  const root = profile.tree?.[0]?.frame;
  return { ...profile, frames: profile.frames.map((frame, i) => (i === root ? frame : { ...frame, thread: id })) };
}

/** A copy of `profile` whose timelines are thread `id`'s (a profile of one thread has one). */
export function withThread(profile: Profile, id: number): Profile {
  return profile.timelines ? { ...profile, timelines: profile.timelines.map((t) => ({ ...t, thread: id })) } : profile;
}

/** The sum of `parts` (at least one), as described in the module comment. */
export function mergeProfiles(parts: readonly Profile[]): Profile {
  if (parts.length === 0) throw new Error('mergeProfiles needs at least one profile');
  if (parts.length === 1) return parts[0]!;
  const frames: Frame[] = [];
  const index = new Map<string, number>();
  const maps = parts.map((part) =>
    part.frames.map((frame) => {
      const key = frameKey(frame);
      let at = index.get(key);
      if (at === undefined) {
        at = frames.push({ ...frame }) - 1;
        index.set(key, at);
      }
      return at;
    }),
  );
  const functions = new Summer<FunctionStats>();
  const edges = new Summer<Edge>();
  const lines = new Summer<LineStats>();
  parts.forEach((part, p) => {
    const map = maps[p]!;
    for (const fn of part.functions) functions.add(`${map[fn.frame]}`, { ...fn, frame: map[fn.frame]! });
    for (const e of part.edges) edges.add(`${map[e.caller]}>${map[e.callee]}`, { ...e, caller: map[e.caller]!, callee: map[e.callee]! });
    for (const l of part.lines ?? []) lines.add(`${map[l.frame]}:${l.line}`, { ...l, frame: map[l.frame]! });
  });
  const merged = parts.every((part) => part.tree) ? mergeTrees(parts.map((part, p) => ({ tree: part.tree!, map: maps[p]! }))) : undefined;
  const tree = merged?.tree;
  const timelines = merged && mergeTimelines(parts, merged.ids);
  const first = parts[0]!;
  // Threads and processes of one run: one source, one unit; parts of another would be summed wrongly.
  const other = parts.find((part) => part.unit !== first.unit);
  if (other) throw new Error(`cannot merge a profile in ${other.unit} into one in ${first.unit}`);
  return {
    unit: first.unit,
    ...(first.measure === undefined ? {} : { measure: first.measure }),
    meta: {
      ...first.meta,
      exactness: mergeExactness(parts.map((part) => part.meta.exactness)),
      notes: [...new Set(parts.flatMap((part) => part.meta.notes))],
    },
    frames,
    functions: functions.values(),
    edges: edges.values(),
    ...(tree ? { tree } : {}),
    ...(parts.some((part) => part.lines) ? { lines: lines.values() } : {}),
    ...(timelines && timelines.length > 0 ? { timelines } : {}),
  };
}

// Each part's timelines on the merged tree's nodes; the first part to hold a thread keeps it.
function mergeTimelines(parts: readonly Profile[], ids: readonly Int32Array[]): SampleTimeline[] {
  const out: SampleTimeline[] = [];
  parts.forEach((part, p) => {
    for (const timeline of remapTimelines(part.timelines ?? [], ids[p]!)) {
      if (!out.some((t) => t.thread === timeline.thread)) out.push(timeline);
    }
  });
  return out;
}

/** Sums records with the same key: counts null-aware, times plainly. */
class Summer<T extends { self?: number; total?: number; time?: number }> {
  private readonly byKey = new Map<string, T>();

  add(key: string, value: T): void {
    const sum = this.byKey.get(key);
    if (!sum) {
      this.byKey.set(key, value);
      return;
    }
    const target = sum as Record<string, unknown>;
    for (const [field, v] of Object.entries(value)) {
      if (field === 'frame' || field === 'caller' || field === 'callee' || field === 'line') continue;
      if (typeof v === 'number' || v === null) target[field] = addCounts(target[field] as number | null, v);
    }
  }

  values(): T[] {
    return [...this.byKey.values()];
  }
}

function addCounts(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}

// The merged tree, and the id each part's node got in it.
function mergeTrees(parts: ReadonlyArray<{ tree: readonly TreeNode[]; map: readonly number[] }>): { tree: TreeNode[]; ids: Int32Array[] } {
  const first = parts[0]!;
  const tree: TreeNode[] = [{ ...first.tree[0]!, id: 0, parent: -1, frame: first.map[first.tree[0]!.frame]!, calls: null, self: 0 }];
  const child = new Map<string, number>();
  const all: Int32Array[] = [];
  for (const { tree: part, map } of parts) {
    // Parent-before-child order: each node's parent is mapped before the node.
    const ids = new Int32Array(part.length);
    all.push(ids);
    part.forEach((node, i) => {
      const parent = i === 0 ? -1 : ids[node.parent]!;
      const frame = map[node.frame]!;
      const key = `${parent}:${frame}`;
      let id = i === 0 ? 0 : child.get(key);
      if (id === undefined) {
        id = tree.push({ id: tree.length, parent, frame, calls: null, self: 0 }) - 1;
        child.set(key, id);
      }
      ids[i] = id;
      const merged = tree[id]!;
      merged.self += node.self;
      merged.calls = addCounts(merged.calls, node.calls);
    });
  }
  return { tree, ids: all };
}

function mergeExactness(all: readonly Exactness[]): Exactness {
  const worst = (values: Array<Exactness['calls']>): Exactness['calls'] => {
    const unique = new Set(values);
    if (unique.size === 1) return values[0]!;
    return unique.has('exact') || unique.has('estimated') ? 'estimated' : 'none';
  };
  const times = new Set(all.map((e) => e.time));
  return {
    calls: worst(all.map((e) => e.calls)),
    edges: worst(all.map((e) => e.edges)),
    time: times.size === 1 ? all[0]!.time : 'sampled',
  };
}
