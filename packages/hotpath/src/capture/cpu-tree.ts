import { MAX_TIME_NS } from '../model/limits.js';
import type { SampleTimeline, TreeNode } from '../model/profile.js';
import type { V8CallFrame, V8CpuProfile, V8ProfileNode } from './v8-types.js';

/** Who wrote a script, for taking the profiler's own frames out of the samples. */
export interface OwnCode {
  /** The profiler's own scripts (the preload, the CommonJS hook, the captures), by URL. */
  isOwn(url: string): boolean;
  /**
   * Libraries the profiler calls (its parser, its TypeScript stripper), by URL: their frames
   * are the profiler's work below its own frames, and the program's below the program's (a
   * program may use the same library).
   */
  isHelper?(url: string): boolean;
  /**
   * The program's own package, where the script is one of a library's files (`hotpath profile
   * tsc`, `hotpath profile acorn`): reached through Node from the profiler's `require` hook, it
   * is the program; called by the profiler (its parser parsing the program), the profiler's.
   */
  isProgramPackage?(url: string): boolean;
}

/** How {@link buildCpuTree} turns V8's call frames into profile frames. */
export interface CpuTreeOptions {
  /** The frame index of a call frame. */
  frameOf(callFrame: V8CallFrame): number;
  /** Call frames to leave out with their subtrees (the event loop's `(idle)`). */
  skip(callFrame: V8CallFrame): boolean;
  /** The profiler's own code, taken out of the stacks (see {@link buildCpuTree}). */
  own?: OwnCode;
}

/**
 * The call tree of a V8 cpuprofile, in the model's form: nodes in parent-before-child
 * order, self times in integer ns, `calls: null` (sampling cannot count calls).
 * Recursion gives one node per depth, as V8 records it; the call-graph derivation groups
 * them by frame.
 *
 * The profiler's own frames are cut out of the stacks, not cut off with what is under them:
 * a CommonJS module runs *inside* the profiler's `require` hook (`Module.load` -> hook ->
 * `Module._compile` -> the module's top level), so dropping the hook's subtree would drop
 * the whole program. An own frame's children move up to its nearest kept ancestor; below an
 * own frame, what leads back to the program is kept (Node's `Module._compile` and the
 * program under it) and the rest is the profiler's work (its parser, its file reads), left
 * out with its time, as the own frames' self time is.
 */
export function buildCpuTree(profile: V8CpuProfile, options: CpuTreeOptions): TreeNode[] {
  return cpuTree(profile, options).tree;
}

/** {@link buildCpuTree}'s tree, and the tree node each V8 node's samples count in. */
export interface CpuTree {
  tree: TreeNode[];
  /**
   * V8 node id -> tree node, for the nodes whose self time is in the tree: not the skipped
   * ones (`(idle)`), not the profiler's own frames nor its work below them (see {@link buildCpuTree}).
   */
  counted: Map<number, number>;
}

/** {@link buildCpuTree}, with the node map a {@link SampleTimeline} needs. */
export function cpuTree(profile: V8CpuProfile, options: CpuTreeOptions): CpuTree {
  const self = selfTimes(profile);
  const counted = new Map<number, number>();
  const order = preorder(profile.nodes, options);
  const reaches = reachesProgram(order);
  const tree = new TreeBuilder();
  // Output node of each entry of `order`: an own frame stands for its kept ancestor.
  const output: number[] = [];
  order.forEach((entry, i) => {
    const parent = entry.parent < 0 ? -1 : output[entry.parent]!;
    if (entry.parent >= 0 && parent === DROPPED) output[i] = DROPPED;
    else if (entry.owner === 'own') output[i] = parent;
    else if (entry.owner !== 'program' && !reaches.has(i)) output[i] = DROPPED;
    else {
      output[i] = tree.add(parent, options.frameOf(entry.node.callFrame), self.get(entry.node.id) ?? 0);
      counted.set(entry.node.id, output[i]!);
    }
  });
  return { tree: tree.nodes, counted };
}

/**
 * The samples of `profile` in order, on the nodes of its {@link cpuTree}: each sample's
 * duration is the one {@link selfTimes} gives it, so the tree's self times are the sums of
 * the timeline's durations; samples the tree does not count are gaps (-1). `start` is on V8's
 * clock, less `origin` ns (an imported file's clock may be anything). Built in the
 * parent from the samples V8 recorded anyway: the profiled program does no work for it.
 */
export function sampleTimeline(profile: V8CpuProfile, counted: ReadonlyMap<number, number>, options: { origin?: number } = {}): SampleTimeline {
  const samples = profile.samples ?? [];
  const durations = sampleDurations(profile);
  const nodes = Int32Array.from(samples, (id) => counted.get(id) ?? -1);
  // V8's clock is µs since boot: in ns it fits the model's times for 104 days of uptime.
  const start = Math.round((profile.startTime + (profile.timeDeltas?.[0] ?? 0)) * 1000) - (options.origin ?? 0);
  return { thread: 0, start: Math.min(MAX_TIME_NS, Math.max(0, start)), nodes, durations };
}

const DROPPED = -2;

/**
 * Whose code a frame runs, from its script and its caller's: `own`, the profiler's; `helper`,
 * a library the profiler called (directly, through Node, as `require` loading it, or through
 * another helper frame); `node`, Node's internals called from the profiler's code; `program`,
 * everything else, and everything below a program frame.
 */
export type Owner = 'program' | 'own' | 'helper' | 'node';

/** The owner of a frame of script `url` called from a frame of `caller`'s. */
export function ownerOf(url: string, caller: Owner, own: OwnCode | undefined): Owner {
  if (!own) return 'program';
  if (own.isOwn(url)) return 'own';
  if (caller === 'program') return 'program';
  const script = url !== '' && !url.startsWith('node:');
  if (!script) return caller === 'helper' ? 'helper' : 'node';
  // Node's `Module._compile` called by the hook runs the program.
  if (!own.isHelper?.(url)) return 'program';
  return caller === 'node' && own.isProgramPackage?.(url) ? 'program' : 'helper';
}

interface Entry {
  node: V8ProfileNode;
  /** Index of the parent's entry; -1 for the root. */
  parent: number;
  owner: Owner;
}

/** The nodes in parent-before-child order, skipped subtrees left out, each with its owner. */
function preorder(nodes: V8ProfileNode[], options: CpuTreeOptions): Entry[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const order: Entry[] = [];
  const stack: Entry[] = [{ node: rootOf(nodes), parent: -1, owner: 'program' }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.parent >= 0 && options.skip(entry.node.callFrame)) continue;
    const index = order.push(entry) - 1;
    const children = entry.node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = byId.get(children[i]!);
      if (child) stack.push({ node: child, parent: index, owner: ownerOf(child.callFrame.url, entry.owner, options.own) });
    }
  }
  return order;
}

/** The entries with a program frame in their subtree (themselves included). */
function reachesProgram(order: readonly Entry[]): Set<number> {
  const reaches = new Set<number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const entry = order[i]!;
    if ((reaches.has(i) || entry.owner === 'program') && entry.parent >= 0) {
      reaches.add(i);
      reaches.add(entry.parent);
    }
  }
  return reaches;
}

/**
 * Builds the tree, merging siblings that stand for the same frame: cutting an own frame
 * out can put two nodes of one function under one parent (`Module.load` -> `Module._compile`
 * with and without the hook between), and two call frames can map to one source function.
 */
class TreeBuilder {
  readonly nodes: TreeNode[] = [];
  private readonly index = new Map<string, number>();

  add(parent: number, frame: number, self: number): number {
    const key = `${parent}:${frame}`;
    const existing = parent >= 0 ? this.index.get(key) : undefined;
    if (existing !== undefined) {
      this.nodes[existing]!.self += self;
      return existing;
    }
    const id = this.nodes.length;
    this.nodes.push({ id, parent, frame, calls: null, self });
    this.index.set(key, id);
    return id;
  }
}

function rootOf(nodes: V8ProfileNode[]): V8ProfileNode {
  const children = new Set(nodes.flatMap((node) => node.children ?? []));
  const root = nodes.find((node) => !children.has(node.id));
  if (!root) throw new Error('cpuprofile has no root node');
  return root;
}

/**
 * Self time per node id, ns. A sample lasts until the next one (the way Chrome DevTools
 * reads cpuprofiles): `timeDeltas[i + 1]` belongs to `samples[i]`, and the last sample
 * runs to `endTime`; a negative delta (V8 can write one) counts as 0. Deltas are used one
 * by one, not summed into timestamps, so the fractional deltas hotpath's exporter writes
 * read back to the ns.
 */
export function selfTimes(profile: SampleTimes): Map<number, number> {
  const samples = profile.samples ?? [];
  const durations = sampleDurations(profile);
  const self = new Map<number, number>();
  samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + durations[i]!));
  return self;
}

type SampleTimes = Pick<V8CpuProfile, 'samples' | 'timeDeltas' | 'startTime' | 'endTime'>;

/** The duration of each sample, integer ns, as {@link selfTimes} reads them. */
export function sampleDurations(profile: SampleTimes): Float64Array {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const durations = new Float64Array(samples.length);
  const lastStamp = profile.startTime + deltas.slice(0, samples.length).reduce((sum, d) => sum + d, 0);
  for (let i = 0; i < samples.length; i++) {
    const micros = i + 1 < samples.length ? (deltas[i + 1] ?? 0) : profile.endTime - lastStamp;
    durations[i] = Math.max(0, Math.round(micros * 1000));
  }
  return durations;
}

/**
 * Frames V8 keeps of one sample's stack, counted from the root's child (measured on Node 20:
 * a 1000-deep recursion's samples all stop at depth 256). Deeper stacks lose their outer
 * frames: the innermost 256 hang under the root, and their callers' cumtime misses them.
 */
export const V8_STACK_LIMIT = 256;

/** Samples whose stacks V8 cut at {@link V8_STACK_LIMIT}, from {@link cutStacks}. */
export interface CutStacks {
  samples: number;
  /** Their time, ns (as {@link selfTimes} counts it). */
  time: number;
  /** The outermost frame each cut stack kept (the one now under the root), distinct. */
  outermost: V8CallFrame[];
}

/** The samples of `profile` whose stacks were cut at V8's frame limit; `null` if none were. */
export function cutStacks(profile: V8CpuProfile): CutStacks | null {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  // Depth of each node (the root's children are 1) and the depth-1 ancestor it hangs from.
  const depth = new Map<number, number>();
  const top = new Map<number, V8ProfileNode>();
  const root = rootOf(profile.nodes);
  depth.set(root.id, 0);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const id of node.children ?? []) {
      const child = byId.get(id);
      if (!child || depth.has(id)) continue;
      depth.set(id, depth.get(node.id)! + 1);
      top.set(id, node === root ? child : top.get(node.id)!);
      stack.push(child);
    }
  }
  // A stack exactly at the limit may also be whole (a program 256 frames deep): it was cut
  // when its outermost frame is one seen called from another frame elsewhere.
  const called = new Set<string>();
  for (const [id, d] of depth) if (d >= 2) called.add(frameKey(byId.get(id)!.callFrame));
  const isCut = (id: number): boolean => (depth.get(id) ?? 0) >= V8_STACK_LIMIT && called.has(frameKey(top.get(id)!.callFrame));
  const self = selfTimes(profile);
  const cut = [...self.keys()].filter(isCut);
  if (cut.length === 0) return null;
  const samples = (profile.samples ?? []).filter(isCut).length;
  const outermost = new Set(cut.map((id) => top.get(id)!));
  return {
    samples,
    time: cut.reduce((sum, id) => sum + self.get(id)!, 0),
    outermost: [...outermost].map((node) => node.callFrame),
  };
}

function frameKey(callFrame: V8CallFrame): string {
  return `${callFrame.functionName}\0${callFrame.url}\0${callFrame.lineNumber}:${callFrame.columnNumber}`;
}
