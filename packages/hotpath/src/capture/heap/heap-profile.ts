/**
 * A sampled heap profile in the profile model, unit bytes: each function's bytes allocated
 * (self: in its own code; inclusive: with its callees), TypeScript positions through the
 * source maps, the profiler's own frames cut out, exactly as for time.
 *
 * Why through the cpuprofile path: V8's heap tree and its cpuprofile tree have the same
 * nodes and call frames; only the weight differs. Giving each node one "sample" lasting its
 * selfSize reuses buildSampleProfile (frames, source maps, own-code removal, call graph)
 * with the weights in bytes instead of ns.
 */
import type { Profile } from '../../model/profile.js';
import { buildSampleProfile, type SampleMeta, type SampleProfileOptions } from '../sample-profile.js';
import type { V8CpuProfile, V8ProfileNode } from '../v8-types.js';
import type { V8HeapNode, V8HeapProfile } from './heap-sampler.js';

/** V8's heap tree as a cpuprofile whose self "time" of each node, in ns, is its bytes. */
export function heapAsCpuProfile(heap: V8HeapProfile): V8CpuProfile {
  const nodes: V8ProfileNode[] = [];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const visit = (node: V8HeapNode): void => {
    nodes.push({ id: node.id, callFrame: node.callFrame, children: node.children.map((c) => c.id) });
    if (node.selfSize > 0) {
      samples.push(node.id);
      // selfTimes: a sample lasts until the next one, in µs, read back as µs * 1000 ns.
      timeDeltas.push(samples.length === 1 ? 0 : pendingBytes / 1000);
      pendingBytes = node.selfSize;
    }
    for (const child of node.children) visit(child);
  };
  let pendingBytes = 0;
  visit(heap.head);
  const total = timeDeltas.reduce((a, b) => a + b, 0) + pendingBytes / 1000;
  return { nodes, startTime: 0, endTime: total, samples, timeDeltas };
}

/** The profile of a heap capture: weights in bytes. */
export function buildHeapProfile(heap: V8HeapProfile, meta: SampleMeta, options: SampleProfileOptions = {}): Profile {
  const profile = buildSampleProfile({ cpuProfile: heapAsCpuProfile(heap), counts: null }, meta, options);
  return { ...profile, unit: 'bytes' };
}
