/**
 * Importer for V8 `.cpuprofile` files (`node --cpu-prof`, the DevTools JavaScript Profiler,
 * `Profiler.stop` over the inspector protocol). Definition:
 * https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 *
 * The call tree is kept node for node; a node's self time is the time from each of its samples
 * to the next sample (the last one runs to `endTime`), the way DevTools reads them. Call counts
 * are unknown (`null`): a sampler cannot count calls. Lines are made 1-based, `file://` URLs
 * become paths. `positionTicks` (per-line self ticks) are not imported: the model's line stats
 * include callees, which ticks do not.
 */
import { fileURLToPath } from 'node:url';
import { callGraphFromTree } from '../model/build.js';
import { makeFrame } from '../model/frames.js';
import type { Frame, Profile, ProfileMeta, TreeNode } from '../model/profile.js';
import { VERSION } from '../version.js';
import { checkCpuProfile, type TreeLinks } from './cpuprofile-check.js';

/** A cpuprofile node as read: `children` (V8) or `parent` (newer DevTools) links. */
interface RawNode {
  id: number;
  callFrame: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number };
  children?: number[];
  parent?: number;
}

/** The part of a cpuprofile the importer reads. */
export interface RawCpuProfile {
  nodes: RawNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export { CpuProfileError } from './cpuprofile-check.js';

/** Whether parsed JSON looks like a cpuprofile (nodes with call frames, start and end times). */
export function isCpuProfile(data: unknown): data is RawCpuProfile {
  if (typeof data !== 'object' || data === null) return false;
  const value = data as Record<string, unknown>;
  return (
    Array.isArray(value.nodes) &&
    typeof value.startTime === 'number' &&
    typeof value.endTime === 'number' &&
    value.nodes.every(
      (node) => typeof node === 'object' && node !== null && 'id' in node && 'callFrame' in node,
    )
  );
}

/**
 * The {@link Profile} of a cpuprofile: frames, call tree with sampled self times, and the
 * graph derived from it (counts `null`), `meta.mode` `'imported'`.
 * @param source - the file name, for the profile's notes.
 * @param startTime - when the capture started, ISO 8601 (a cpuprofile's clock is monotonic).
 * @throws {@link CpuProfileError} when a field is malformed or the nodes do not form one tree.
 */
export function importCpuProfile(data: RawCpuProfile, source: string, startTime: string): Profile {
  const links = checkCpuProfile(data);
  const { frames, tree } = treeOf(data, links);
  const { functions, edges } = callGraphFromTree(tree, frames.length);
  const samples = data.samples?.length ?? 0;
  const duration = Math.max(0, Math.round((data.endTime - data.startTime) * 1000));
  const meta: ProfileMeta = {
    command: [source],
    mode: 'imported',
    interval: samples > 0 ? Math.max(1, Math.round(duration / samples)) : null,
    startTime,
    duration,
    nodeVersion: '',
    exitCode: null,
    signal: null,
    cwd: process.cwd(),
    hotpathVersion: VERSION,
    exactness: { calls: 'none', edges: 'none', time: 'sampled' },
    notes: [
      `imported from ${source} (V8 cpuprofile, ${samples} samples): times are sampled, call counts unknown`,
    ],
  };
  return { unit: 'ns', meta, frames, functions, edges, tree };
}

function treeOf(data: RawCpuProfile, links: TreeLinks): { frames: Frame[]; tree: TreeNode[] } {
  const self = selfTimes(data);
  const frameIds = new Map<string, number>();
  const frames: Frame[] = [];
  const tree: TreeNode[] = [];
  const stack = [{ index: links.root, parent: -1 }];
  while (stack.length > 0) {
    const { index, parent } = stack.pop()!;
    const node = data.nodes[index]!;
    const id = tree.length;
    tree.push({ id, parent, frame: frameOf(node, frameIds, frames), calls: null, self: self.get(node.id) ?? 0 });
    const kids = links.children[index]!;
    for (let c = kids.length - 1; c >= 0; c--) stack.push({ index: kids[c]!, parent: id });
  }
  return { frames, tree };
}

function frameOf(node: RawNode, ids: Map<string, number>, frames: Frame[]): number {
  const { functionName = '', url = '', lineNumber = -1, columnNumber = -1 } = node.callFrame;
  const key = `${functionName}\u0000${url}\u0000${lineNumber}\u0000${columnNumber}`;
  let id = ids.get(key);
  if (id === undefined) {
    const file = url.startsWith('file://') ? localPath(url) : url;
    // V8 names anonymous functions ''; its positions are 0-based, -1 when unknown.
    const frame = makeFrame(functionName || '(anonymous)', file, lineNumber + 1, columnNumber + 1);
    id = frames.push(frame) - 1;
    ids.set(key, id);
  }
  return id;
}

/**
 * Self time per node id, ns: each sample lasts until the next one (`timeDeltas[i + 1]`), the
 * last one until `endTime`. Deltas are used one by one, not summed into timestamps, so the
 * fractional deltas hotpath writes read back to the ns.
 */
function selfTimes(data: RawCpuProfile): Map<number, number> {
  const samples = data.samples ?? [];
  const deltas = data.timeDeltas ?? [];
  const self = new Map<number, number>();
  const lastStamp = data.startTime + deltas.slice(0, samples.length).reduce((sum, d) => sum + d, 0);
  samples.forEach((id, i) => {
    const micros = i + 1 < samples.length ? (deltas[i + 1] ?? 0) : data.endTime - lastStamp;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, Math.round(micros * 1000)));
  });
  return self;
}

// A file URL that names no local file (`file://host/x`) stays as written.
function localPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
