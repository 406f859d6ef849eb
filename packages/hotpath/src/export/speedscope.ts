/**
 * speedscope's JSON format, for https://www.speedscope.app (and `speedscope FILE` offline).
 * Schema: https://www.speedscope.app/file-format-schema.json, from
 * https://github.com/jlfwong/speedscope/blob/main/src/lib/file-format-spec.ts
 *
 * A profile with a timeline of its samples ({@link Profile.timelines}: sample mode) becomes one
 * "evented" profile per thread, its samples in the order they were taken, at their times:
 * speedscope's Time Order view shows the run as it went, gaps (the event loop idle, the
 * profiler's own work) as empty time. (Evented, not "sampled": a sampled profile repeats each
 * sample's whole stack and has no gaps.)
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
    profiles: timelineProfiles(profile, name) ?? [profile.tree ? eventedProfile(profile, name) : sampledProfile(profile, name)],
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

/**
 * Most events written for one timeline: its events are the frames entered and left between
 * consecutive samples, as many as the stacks differ by, and a pathological profile (a
 * 100,000-deep stack sampled in turn with the root) would need billions. Beyond it the
 * profile falls back to the tree's layout.
 */
export const MAX_TIMELINE_EVENTS = 4_000_000;

// The samples in order as speedscope events: between two samples, the frames of the first
// stack not in the second are closed (innermost first) and those of the second opened, at the
// time of the second sample, found by walking both up to their common ancestor (so the work
// is the number of events). Gaps close everything: the time axis keeps them as empty time.
function timelineProfile(profile: Profile, timeline: SampleTimeline, name: string): Record<string, unknown> | null {
  const tree = profile.tree!;
  const depth = new Int32Array(tree.length);
  for (let i = 1; i < tree.length; i++) depth[i] = depth[tree[i]!.parent]! + 1;
  const depthOf = (node: number): number => (node < 0 ? -1 : depth[node]!);
  const skipRoot = profile.frames[tree[0]!.frame]?.name === '(root)';
  const shown = (node: number): boolean => !(node === 0 && skipRoot);
  const events: SpeedscopeEvent[] = [];
  const opening: number[] = [];
  let current = -1;
  let at = 0;
  const moveTo = (target: number): boolean => {
    let from = current;
    let to = target;
    opening.length = 0;
    while (from !== to) {
      if (depthOf(from) >= depthOf(to)) {
        if (shown(from)) events.push({ type: 'C', at, frame: tree[from]!.frame });
        from = tree[from]!.parent;
      } else {
        opening.push(to);
        to = tree[to]!.parent;
      }
    }
    for (let i = opening.length - 1; i >= 0; i--) if (shown(opening[i]!)) events.push({ type: 'O', at, frame: tree[opening[i]!]!.frame });
    current = target;
    return events.length <= MAX_TIMELINE_EVENTS;
  };
  for (let i = 0; i < timeline.nodes.length; i++) {
    if (!moveTo(timeline.nodes[i]!)) return null;
    at += timeline.durations[i]!;
  }
  if (!moveTo(-1)) return null;
  return { type: 'evented', name, unit: speedscopeUnit(profile.unit), startValue: 0, endValue: at, events };
}

// One profile per timeline; null when there are none (or too many events to write).
function timelineProfiles(profile: Profile, name: string): Record<string, unknown>[] | null {
  if (!timelinesCoverTree(profile)) return null;
  const profiles = profile.timelines!.map((timeline) => timelineProfile(profile, timeline, threadName(profile, timeline, name)));
  return profiles.every((p) => p !== null) ? (profiles as Record<string, unknown>[]) : null;
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
