// Profile -> the data a report page embeds (page/data.ts): folded as the CLI tables fold,
// labelled as they label, the tree cut down to a drawable size, sources read.
import { foldProfile } from '../model/fold.js';
import { threadLabel } from '../model/threads.js';
import type { Edge, LineStats, Profile, SampleTimeline } from '../model/profile.js';
import { noteLines } from '../report/notes.js';
import { frameLabels } from '../report/rows.js';
import { VIEW_FORMAT, VIEW_VERSION, type Unit, type ViewData, type ViewEdges, type ViewFrame, type ViewLines, type ViewTimeline } from './page/data.js';
import { count } from './page/format.js';
import { DEFAULT_SOURCE_LIMITS, readSources, type SourceLimits } from './sources.js';
import { aggregateTree, DEFAULT_MAX_NODES } from './tree-aggregate.js';

/** What a report shows, and how much of it. */
export interface ViewOptions {
  /** Show Node internals and node_modules function by function (as `hotpath stats --show-internals`). */
  showInternals?: boolean;
  /** Show node_modules function by function; Node internals stay folded. */
  showNodeModules?: boolean;
  /** The largest call tree drawn without merging small nodes; default 20,000. */
  maxNodes?: number;
  /** Limits on inlined source files. */
  sourceLimits?: SourceLimits;
  /** The profile's file name, shown in the header. */
  profileFile?: string;
}

/** The name of the synthetic frame of merged tree nodes. */
export const OTHER_NAME = '(other)';

/** Everything the page shows of `profile`. */
export function buildViewData(profile: Profile, options: ViewOptions = {}): ViewData {
  const folded = foldProfile(profile, {
    node: !options.showInternals,
    nodeModules: !(options.showInternals || options.showNodeModules),
  });
  const { files, labels } = frameLabels(folded);
  const otherFrame = folded.frames.length;
  const aggregated = folded.tree ? aggregateTree(folded.tree, otherFrame, options.maxNodes ?? DEFAULT_MAX_NODES) : null;
  const wanted = new Set(folded.functions.map((f) => f.frame));
  const { sources, sourceOf } = readSources(folded.frames, wanted, files, folded.meta.cwd, folded.meta.startTime, options.sourceLimits ?? DEFAULT_SOURCE_LIMITS);
  const frames: ViewFrame[] = folded.frames.map((frame, i) => ({
    name: frame.thread === undefined ? frame.name : `${frame.name} [${threadLabel(folded, frame)}]`,
    label: labels[i]!,
    file: files[i]!,
    line: frame.line,
    category: frame.category,
    source: sourceOf[i]!,
  }));
  const needOther = aggregated !== null && aggregated.summary.otherNodes > 0;
  if (needOther) frames.push({ name: OTHER_NAME, label: OTHER_NAME, file: '', line: 0, category: 'special', source: -1 });
  const totalTime = folded.functions.reduce((sum, f) => sum + f.self, 0);
  return {
    format: VIEW_FORMAT,
    version: VIEW_VERSION,
    profileFile: options.profileFile ?? '',
    meta: viewMeta(folded),
    notes: [...noteLines(folded.meta).map((line) => line.replace(/^\s*Note:\s*/, '')), ...foldNote(profile, folded)],
    unit: unitFor(totalTime),
    weight: profile.measure === undefined ? { unit: profile.unit } : { unit: profile.unit, measure: profile.measure },
    totalTime,
    frames,
    otherFrame: needOther ? otherFrame : -1,
    functions: folded.functions.map(({ frame, calls, primitiveCalls, self, total }) => ({ frame, calls, primitiveCalls, self, total })),
    edges: edgeColumns(folded.edges),
    tree: aggregated?.tree ?? null,
    treeSummary: aggregated?.summary ?? null,
    lines: folded.lines ? lineColumns(folded.lines) : null,
    timelines: aggregated && folded.timelines?.length ? viewTimelines(folded, folded.timelines, aggregated.nodeMap) : null,
    sources,
  };
}

/**
 * A hint when folding hides most of the calls: a `--trace-node-modules` profile of tsc shows
 * "3,499 function calls" of 36,030,716 with node_modules folded into one row, and its call
 * graph has none of the edges inside it. Says how many, and the flag that shows them.
 */
export function foldNote(profile: Profile, folded: Profile): string[] {
  if (folded === profile) return [];
  const calls = (p: Profile) => p.functions.reduce((sum, f) => sum + (f.calls ?? 0), 0);
  const all = calls(profile);
  const shown = calls(folded);
  if (all === 0 || shown >= all / 2) return [];
  const flag = profile.frames.some((frame) => frame.category === 'node_modules') ? '--show-node-modules' : '--show-internals';
  return [
    `Folding hides most of the calls: ${count(shown)} function calls are shown of ${count(all)}; the rest are calls ` +
      'inside <node_modules> or <node internals>, each one row here. hotpath view ' +
      `${flag} shows them function by function.`,
  ];
}

function viewMeta(profile: Profile): ViewData['meta'] {
  const { meta } = profile;
  return {
    command: meta.command.join(' '),
    mode: meta.mode,
    startTime: meta.startTime,
    duration: meta.duration,
    nodeVersion: meta.nodeVersion,
    exitCode: meta.exitCode,
    signal: meta.signal,
    interval: meta.interval,
    hotpathVersion: meta.hotpathVersion,
  };
}

// The largest unit in which the total reads as at least 1: 47 ms shows as 47.470, not 0.047.
function unitFor(totalNs: number): Unit {
  if (totalNs >= 1e9) return 's';
  return totalNs >= 1e6 ? 'ms' : 'us';
}

// Each timeline as runs on the drawn tree's nodes: consecutive samples of one node (a loop's
// thousands of samples) are one run, which the chart would merge anyway.
function viewTimelines(profile: Profile, timelines: readonly SampleTimeline[], nodeMap: Int32Array): ViewTimeline[] {
  const origin = Math.min(...timelines.map((t) => t.start));
  const several = timelines.length > 1;
  return timelines.map((timeline) => {
    const node: number[] = [];
    const duration: number[] = [];
    timeline.nodes.forEach((sampled, i) => {
      const drawn = sampled < 0 ? -1 : nodeMap[sampled]!;
      if (node.length > 0 && node[node.length - 1] === drawn) duration[duration.length - 1]! += timeline.durations[i]!;
      else {
        node.push(drawn);
        duration.push(timeline.durations[i]!);
      }
    });
    const thread = several ? (profile.meta.threads?.find((t) => t.id === timeline.thread)?.name ?? `thread ${timeline.thread}`) : '';
    return { thread, start: timeline.start - origin, node, duration };
  });
}

function edgeColumns(edges: readonly Edge[]): ViewEdges {
  return {
    caller: edges.map((e) => e.caller),
    callee: edges.map((e) => e.callee),
    calls: edges.map((e) => e.calls),
    primitiveCalls: edges.map((e) => e.primitiveCalls),
    self: edges.map((e) => e.self),
    total: edges.map((e) => e.total),
  };
}

function lineColumns(lines: readonly LineStats[]): ViewLines {
  return {
    frame: lines.map((l) => l.frame),
    line: lines.map((l) => l.line),
    hits: lines.map((l) => l.hits),
    time: lines.map((l) => l.time),
  };
}
