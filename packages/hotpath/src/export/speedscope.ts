/**
 * speedscope's JSON format, for https://www.speedscope.app (and `speedscope FILE` offline).
 * Schema: https://www.speedscope.app/file-format-schema.json, from
 * https://github.com/jlfwong/speedscope/blob/main/src/lib/file-format-spec.ts
 *
 * A profile with a timeline of its samples ({@link Profile.timelines}: sample mode) becomes one
 * "sampled" profile per thread, its samples in the order they were taken, each weighted by its
 * duration: speedscope's Time Order view shows the run as it went. Gaps (the event loop idle,
 * the profiler's own work) are left out, as speedscope's sampled profiles have no timestamps:
 * the time axis closes them up.
 *
 * Otherwise, a profile with a call tree becomes one "evented" profile: the tree is laid out as a
 * timeline, each node opened, its self time spent, then its children one after the other,
 * then closed (the order of a depth-first walk); V8's `(root)` is left out, with the time it
 * holds itself (outside every function). A graph-only profile becomes a "sampled"
 * profile with one single-frame stack per function, weighted by its self time.
 *
 * What it loses:
 * - call counts (speedscope has none) and all metadata but the command;
 * - without a timeline (or one that does not hold all the tree's time: child processes), real
 *   chronology: a call tree is aggregated, so the timeline is a layout of the tree, not the
 *   order in which calls happened (the flame graph and sandwich views are exact);
 * - for graph-only profiles, all caller -> callee structure.
 */
import type { Profile, SampleTimeline } from '../model/profile.js';
import { timelinesCoverTree } from '../model/timeline.js';
import { VERSION } from '../version.js';
import { displayName, localFile } from './labels.js';
import type { Exporter } from './types.js';
import { speedscopeUnit } from './units.js';

/** The speedscope exporter. */
export const speedscopeExporter: Exporter = {
  name: 'speedscope',
  extensions: ['.speedscope.json'],
  openWith: 'speedscope (speedscope.app or the speedscope command)',
  binary: false,
  write: (profile) => JSON.stringify(speedscopeFile(profile)) + '\n',
};

/** A speedscope frame: where `line` and `col` are 1-based. */
interface SpeedscopeFrame {
  name: string;
  file?: string;
  line?: number;
  col?: number;
}

type SpeedscopeEvent = { type: 'O' | 'C'; at: number; frame: number };

/** The speedscope file of a profile, as a JSON value. */
export function speedscopeFile(profile: Profile): Record<string, unknown> {
  const name = profile.meta.command.join(' ') || 'hotpath profile';
  const frames: SpeedscopeFrame[] = profile.frames.map((frame) => ({
    name: displayName(profile, frame),
    ...(frame.file !== '' ? { file: localFile(frame.file) } : {}),
    ...(frame.line > 0 ? { line: frame.line } : {}),
    ...(frame.column > 0 ? { col: frame.column } : {}),
  }));
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames },
    profiles: timelinesCoverTree(profile)
      ? profile.timelines!.map((timeline) => timelineProfile(profile, timeline, threadName(profile, timeline, name)))
      : [profile.tree ? eventedProfile(profile, name) : sampledProfile(profile, name)],
    name,
    activeProfileIndex: 0,
    exporter: `hotpath@${VERSION}`,
  };
}

function eventedProfile(profile: Profile, name: string): Record<string, unknown> {
  const tree = profile.tree!;
  const children: number[][] = tree.map(() => []);
  for (let i = 1; i < tree.length; i++) children[tree[i]!.parent]!.push(i);
  // V8's synthetic (root) is no function: its children are the top of every stack.
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const events: SpeedscopeEvent[] = [];
  let at = 0;
  const stack: Array<{ id: number; exiting: boolean }> = [{ id: 0, exiting: false }];
  while (stack.length > 0) {
    const { id, exiting } = stack.pop()!;
    const node = tree[id]!;
    const shown = !(id === 0 && skipRoot);
    if (exiting) {
      if (shown) events.push({ type: 'C', at, frame: node.frame });
      continue;
    }
    if (shown) events.push({ type: 'O', at, frame: node.frame });
    if (shown) at += node.self; // a hidden root's own time would be a gap with no frame
    stack.push({ id, exiting: true });
    for (let c = children[id]!.length - 1; c >= 0; c--) stack.push({ id: children[id]![c]!, exiting: false });
  }
  return { type: 'evented', name, unit: speedscopeUnit(profile.unit), startValue: 0, endValue: at, events };
}

// Each sample's stack, root first (V8's `(root)` left out, as in the evented form), in order.
function timelineProfile(profile: Profile, timeline: SampleTimeline, name: string): Record<string, unknown> {
  const tree = profile.tree!;
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const stacks = new Map<number, number[]>(); // node -> its stack, built once per node
  const stackOf = (node: number): number[] => {
    const path: number[] = []; // the nodes up to the nearest one with a stack, innermost first
    let known: number[] | undefined;
    for (let at = node; at >= 0 && !(known = stacks.get(at)); at = tree[at]!.parent) path.push(at);
    let stack = known ?? [];
    for (let i = path.length - 1; i >= 0; i--) {
      const at = path[i]!;
      stack = at === 0 && skipRoot ? [] : [...stack, tree[at]!.frame];
      stacks.set(at, stack);
    }
    return stack;
  };
  const samples: number[][] = [];
  const weights: number[] = [];
  timeline.nodes.forEach((node, i) => {
    if (node < 0) return;
    samples.push(stackOf(node));
    weights.push(timeline.durations[i]!);
  });
  const endValue = weights.reduce((sum, w) => sum + w, 0);
  return { type: 'sampled', name, unit: speedscopeUnit(profile.unit), startValue: 0, endValue, samples, weights };
}

function threadName(profile: Profile, timeline: SampleTimeline, name: string): string {
  if ((profile.timelines?.length ?? 0) < 2) return name;
  const thread = profile.meta.threads?.find((t) => t.id === timeline.thread)?.name ?? `thread ${timeline.thread}`;
  return `${name} (${thread})`;
}

function sampledProfile(profile: Profile, name: string): Record<string, unknown> {
  const functions = profile.functions.filter((f) => f.self > 0);
  return {
    type: 'sampled',
    name,
    unit: speedscopeUnit(profile.unit),
    startValue: 0,
    endValue: functions.reduce((sum, f) => sum + f.self, 0),
    samples: functions.map((f) => [f.frame]),
    weights: functions.map((f) => f.self),
  };
}
