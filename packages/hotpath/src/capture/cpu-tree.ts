import type { TreeNode } from '../model/profile.js';
import type { V8CallFrame, V8CpuProfile, V8ProfileNode } from './v8-types.js';

/** How {@link buildCpuTree} turns V8's call frames into profile frames. */
export interface CpuTreeOptions {
  /** The frame index of a call frame. */
  frameOf(callFrame: V8CallFrame): number;
  /** Call frames to leave out with their subtrees (the profiler's own code). */
  skip(callFrame: V8CallFrame): boolean;
}

/**
 * The call tree of a V8 cpuprofile, in the model's form: nodes in parent-before-child
 * order, self times in integer ns, `calls: null` (sampling cannot count calls).
 * Recursion gives one node per depth, as V8 records it; the call-graph derivation groups
 * them by frame.
 */
export function buildCpuTree(profile: V8CpuProfile, options: CpuTreeOptions): TreeNode[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = selfTimes(profile);
  const tree: TreeNode[] = [];
  const root = rootOf(profile.nodes);
  const stack: Array<{ node: V8ProfileNode; parent: number }> = [{ node: root, parent: -1 }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if (parent >= 0 && options.skip(node.callFrame)) continue;
    const id = tree.length;
    tree.push({ id, parent, frame: options.frameOf(node.callFrame), calls: null, self: self.get(node.id) ?? 0 });
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const child = byId.get(children[i]!);
      if (child) stack.push({ node: child, parent: id });
    }
  }
  return tree;
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
 * runs to `endTime`.
 */
export function selfTimes(profile: V8CpuProfile): Map<number, number> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const self = new Map<number, number>();
  let time = profile.startTime;
  const stamps = samples.map((_, i) => (time += deltas[i] ?? 0));
  for (let i = 0; i < samples.length; i++) {
    const next = i + 1 < samples.length ? stamps[i + 1]! : Math.max(profile.endTime, stamps[i]!);
    const micros = Math.max(0, next - stamps[i]!);
    self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + Math.round(micros * 1000));
  }
  return self;
}
