// The recorder's raw arrays turned into the profile model's frames and call tree.
import { makeFrame } from '../../model/frames.js';
import type { Frame, TreeNode } from '../../model/profile.js';
import { CALIBRATION_ID, type RawTree } from './recorder.js';

/** Frames and call tree of a trace: tree[0] is the root, nodes are parent-before-child. */
export interface TraceSnapshot {
  frames: Frame[];
  tree: TreeNode[];
  /** Overhead per event subtracted from self times, ns (0 when none was). */
  overheadPerEvent: number;
}

/** Name of the root frame: the program's top level, above every traced call. */
export const ROOT_NAME = '(root)';

const NS_PER_MS = 1e6;

/**
 * Builds frames and tree from a recorder's raw tree. Node order is kept: the recorder
 * creates a node after its parent, which is the order the model wants.
 *
 * @param overheadMs - recorder overhead per event, in clock ms, taken off each node's self
 *   time (never below zero) for each event charged to it; 0 keeps times as measured.
 */
export function snapshotFromRaw(raw: RawTree, overheadMs = 0): TraceSnapshot {
  const frames: Frame[] = [makeFrame(ROOT_NAME, '', 0, 0)];
  const frameIndex = new Map<number, number>([[-1, 0]]);
  const indexOf = (id: number): number => {
    let index = frameIndex.get(id);
    if (index === undefined) {
      index = frames.length;
      const info = raw.functions.get(id);
      frames.push(info ? makeFrame(info.name, info.file, info.line, info.column) : makeFrame(`(unregistered #${id})`, '', 0, 0));
      frameIndex.set(id, index);
    }
    return index;
  };
  const tree: TreeNode[] = [];
  // Calibration probes (recorder.ts) are leaves of their own id: dropped, the rest renumbered.
  const newId = new Int32Array(raw.frame.length).fill(-1);
  for (let old = 0; old < raw.frame.length; old++) {
    if (raw.frame[old] === CALIBRATION_ID) continue;
    const id = tree.length;
    newId[old] = id;
    const selfMs = raw.self[old]! - overheadMs * raw.events[old]!;
    tree.push({
      id,
      parent: old === 0 ? -1 : newId[raw.parent[old]!]!,
      frame: indexOf(raw.frame[old]!),
      calls: old === 0 ? 1 : raw.calls[old]!,
      self: Math.max(0, Math.round(selfMs * NS_PER_MS)),
    });
  }
  return { frames, tree, overheadPerEvent: Math.round(overheadMs * NS_PER_MS) };
}
