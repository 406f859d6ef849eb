/**
 * Sample timelines ({@link SampleTimeline}): their form in the profile file, and what the
 * operations that renumber a tree do to them.
 *
 * In the file a timeline is `{ thread, start, step, nodes: [...], durations: [...] }`, plain
 * JSON arrays, with every duration divided by `step` (the largest whole number of ns that
 * divides them all): V8 times its samples in µs, so `step` is 1000 and a sample of 1.004 ms
 * is written `1004`, not `1004000`. About 8 bytes a sample (a node id, a duration, two
 * commas): a 10 s run sampled every 1 ms (8,707 samples) added 69,623 bytes.
 */
import type { Profile, SampleTimeline } from './profile.js';

/** A timeline as the profile file holds it. */
export interface TimelineFile {
  thread: number;
  start: number;
  /** ns: every duration is written divided by it; 1 when absent. */
  step?: number;
  nodes: number[];
  durations: number[];
}

/** The file form of `timeline` (see the module comment). */
export function encodeTimeline(timeline: SampleTimeline): TimelineFile {
  let step = 0;
  for (const d of timeline.durations) step = gcd(step, d);
  step = Math.max(1, step);
  return {
    thread: timeline.thread,
    start: timeline.start,
    step,
    nodes: Array.from(timeline.nodes),
    durations: Array.from(timeline.durations, (d) => d / step),
  };
}

/** The model form of a file's timeline (checked by validate.ts first). */
export function decodeTimeline(file: TimelineFile): SampleTimeline {
  const step = file.step ?? 1; // validate.ts lets a file leave it out
  const durations = Float64Array.from(file.durations, (d) => d * step);
  return { thread: file.thread, start: file.start, nodes: Int32Array.from(file.nodes), durations };
}

// Integers only: a fractional duration (hand-written files) gets step 1 through Math.max.
function gcd(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return 1;
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The timelines with each sample's node renumbered through `newId` (old node id -> new id,
 * as a tree operation merged or renumbered nodes); gaps stay gaps.
 */
export function remapTimelines(timelines: readonly SampleTimeline[], newId: ArrayLike<number>): SampleTimeline[] {
  return timelines.map((timeline) => ({
    ...timeline,
    nodes: timeline.nodes.map((node) => (node < 0 ? -1 : newId[node]!)),
  }));
}

/**
 * Whether the timelines hold exactly the tree's self times (every node's self time the sum of
 * its samples' durations): true for a capture and what folding or merging threads makes of it,
 * false where some of the tree's time has no timeline (a child process's, after
 * `--include-children`). Exporters write the real samples only then, so their times are
 * hotpath's.
 */
export function timelinesCoverTree(profile: Profile): boolean {
  const { tree, timelines } = profile;
  if (!tree || !timelines || timelines.length === 0) return false;
  const sums = new Float64Array(tree.length);
  for (const timeline of timelines) {
    timeline.nodes.forEach((node, i) => {
      if (node >= 0) sums[node]! += timeline.durations[i]!;
    });
  }
  return tree.every((node, i) => sums[i] === node.self);
}

/** The timeline of `thread`, or the first one, or `null` when the profile has none. */
export function mainTimeline(profile: Profile, thread = 0): SampleTimeline | null {
  const timelines = profile.timelines ?? [];
  return timelines.find((t) => t.thread === thread) ?? timelines[0] ?? null;
}
