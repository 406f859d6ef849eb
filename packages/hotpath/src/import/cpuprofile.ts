/**
 * Importer for V8 `.cpuprofile` files (`node --cpu-prof`, the DevTools JavaScript Profiler,
 * `Profiler.stop` over the inspector protocol). Definition:
 * https://chromedevtools.github.io/devtools-protocol/tot/Profiler/#type-Profile
 *
 * The call tree is built as sample mode builds it (capture/cpu-tree.ts: siblings that are one
 * function are one node); a node's self time is the time from each of its samples
 * to the next sample (the last one runs to `endTime`), the way DevTools reads them. Call counts
 * are unknown (`null`): a sampler cannot count calls. Lines are made 1-based, `file://` URLs
 * become paths. The samples' order is kept ({@link Profile.timelines}), so `hotpath view` shows
 * the run in time order and a `.cpuprofile` export writes the same samples back. `positionTicks` (per-line self ticks) are not imported: the model's line stats
 * include callees, which ticks do not.
 */
import { fileURLToPath } from 'node:url';
import { callGraphFromTree } from '../model/build.js';
import { makeFrame } from '../model/frames.js';
import type { Frame, Profile, ProfileMeta, SampleTimeline, TreeNode } from '../model/profile.js';
import { VERSION } from '../version.js';
import { cpuTree, sampleTimeline } from '../capture/cpu-tree.js';
import type { V8CallFrame, V8CpuProfileFile, V8ProfileNode } from '../capture/v8-types.js';
import { checkCpuProfile, type TreeLinks } from './cpuprofile-check.js';

/** A cpuprofile as a file holds it: `children` (V8) or `parent` (newer DevTools) links. */
export type RawCpuProfile = V8CpuProfileFile;

export { CpuProfileError } from './cpuprofile-check.js';

/** Whether parsed JSON looks like a cpuprofile (nodes with call frames, start and end times). */
export function isCpuProfile(data: unknown): data is RawCpuProfile {
  if (typeof data !== 'object' || data === null) return false;
  const value = data as Record<string, unknown>;
  return (
    Array.isArray(value.nodes) &&
    typeof value.startTime === 'number' &&
    typeof value.endTime === 'number' &&
    value.nodes.every((node) => typeof node === 'object' && node !== null && 'id' in node && 'callFrame' in node)
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
  const { frames, tree, timeline } = treeOf(data, links);
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
    notes: [`imported from ${source} (V8 cpuprofile, ${samples} samples): times are sampled, call counts unknown`],
  };
  return { unit: 'ns', meta, frames, functions, edges, tree, ...(timeline ? { timelines: [timeline] } : {}) };
}

/**
 * The tree through the same builder as sample mode's (capture/cpu-tree.ts), the nodes'
 * links first made `children` lists (a file may link by `parent`).
 */
function treeOf(data: RawCpuProfile, links: TreeLinks): { frames: Frame[]; tree: TreeNode[]; timeline: SampleTimeline | null } {
  const nodes: V8ProfileNode[] = data.nodes.map((node, i) => ({
    id: node.id,
    callFrame: { functionName: '', scriptId: '', url: '', lineNumber: -1, columnNumber: -1, ...node.callFrame },
    children: links.children[i]!.map((child) => data.nodes[child]!.id),
  }));
  const frameIds = new Map<string, number>();
  const frames: Frame[] = [];
  const profile = { ...data, nodes };
  const { tree, counted } = cpuTree(profile, { frameOf: (callFrame) => frameOf(callFrame, frameIds, frames), skip: () => false });
  const timeline = (data.samples?.length ?? 0) > 0 ? sampleTimeline(profile, counted, { origin: Math.round(data.startTime * 1000) }) : null;
  return { frames, tree, timeline };
}

function frameOf(callFrame: V8CallFrame, ids: Map<string, number>, frames: Frame[]): number {
  const { functionName, url, lineNumber, columnNumber } = callFrame;
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

// A file URL that names no local file (`file://host/x`) stays as written.
function localPath(url: string): string {
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
