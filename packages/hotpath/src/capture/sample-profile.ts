/**
 * Builds a {@link Profile} from sample mode's two V8 sources: the sampling profiler (time,
 * the call tree) and block coverage (exact per-function call counts).
 */
import { callGraphFromTree } from '../model/build.js';
import type { Frame, FunctionStats, Profile, ProfileMeta, TreeNode } from '../model/profile.js';
import { CountIndex, estimateEdgeCalls } from './call-counts.js';
import { cpuTree, cutStacks, sampleTimeline, V8_STACK_LIMIT, type OwnCode } from './cpu-tree.js';
import { FrameTable } from './frame-table.js';
import { SourceMapper } from './source-maps.js';
import type { FunctionCount, ScriptCounts, V8CallFrame, V8CpuProfile } from './v8-types.js';

/** What a sample-mode capture collected. */
export interface SampleData {
  cpuProfile: V8CpuProfile;
  /** Call counts; `null` when none were taken. */
  counts: ScriptCounts[] | null;
  /**
   * Where the counts come from: `instrument`, counters the loader put in the program's
   * functions (the rest run uncounted); `coverage`, V8 block coverage (every function).
   */
  countedBy?: 'instrument' | 'coverage';
}

/** The metadata a sample profile needs from whoever ran the capture. */
export type SampleMeta = Omit<ProfileMeta, 'mode' | 'exactness' | 'notes'>;

/** Options of {@link buildSampleProfile}. */
export interface SampleProfileOptions {
  /** Maps generated positions to sources; one is made when not given. */
  mapper?: SourceMapper;
  /**
   * Scripts to leave out of the profile (the profiler's own code), by URL: their frames are
   * cut out of the stacks, and the program's frames under them kept (see {@link buildCpuTree}).
   */
  ignoreUrl?: (url: string) => boolean;
  /** Libraries the profiler calls, by URL: its work where its own code calls them ({@link OwnCode}). */
  helperUrl?: (url: string) => boolean;
  /** The script's package where it is one of those libraries ({@link OwnCode.isProgramPackage}). */
  programPackageUrl?: (url: string) => boolean;
  /**
   * Keep the samples' order ({@link Profile.timelines}), as thread 0: for time samples, not
   * for the heap profile, whose "samples" are allocations laid out by size.
   */
  timeline?: boolean;
}

/** The profile of a sample-mode capture. */
export function buildSampleProfile(data: SampleData, meta: SampleMeta, options: SampleProfileOptions = {}): Profile {
  const ignore = options.ignoreUrl ?? (() => false);
  const frames = new FrameTable(options.mapper ?? new SourceMapper());
  const index = new CountIndex(data.counts ?? []);
  const matched = new Map<FunctionCount, number>();
  const frameOf = (callFrame: V8CallFrame): number => {
    const fn = index.find(callFrame);
    const start = fn?.origin ?? fn?.start ?? [callFrame.lineNumber, callFrame.columnNumber];
    const name = fn?.label ?? callFrame.functionName;
    const frame = frames.intern(name, callFrame.url, callFrame.lineNumber < 0 ? null : start);
    if (fn) matched.set(fn, frame);
    return frame;
  };
  const own: OwnCode = { isOwn: ignore, isHelper: options.helperUrl, isProgramPackage: options.programPackageUrl };
  const { tree, counted } = cpuTree(data.cpuProfile, { frameOf, skip: isIdle, own });
  foldNativeHelpers(tree, frames.frames);
  const { functions, edges } = callGraphFromTree(tree, frames.frames.length);
  const inexact = data.counts ? overlayCounts(data.counts, matched, frames, functions, ignore) : 0;
  estimateEdgeCalls(functions, edges);
  const cut = cutStackNote(data.cpuProfile, frameOf, frames.frames);
  const profile: Profile = {
    unit: 'ns',
    meta: { ...meta, mode: 'sample', exactness: exactness(data, inexact), notes: [...notes(data, inexact), ...cut] },
    frames: frames.frames,
    functions,
    edges,
    tree,
    ...(options.timeline ? { timelines: [sampleTimeline(data.cpuProfile, counted)] } : {}),
  };
  return profile;
}

/**
 * A note when V8 cut stacks at its frame limit (deep recursion): those samples lost their
 * outer callers, so a recursive function's tottime can exceed its caller's cumtime. Names
 * the functions the cut stacks start at (the rows whose callers are understated).
 */
function cutStackNote(profile: V8CpuProfile, frameOf: (callFrame: V8CallFrame) => number, frames: readonly Frame[]): string[] {
  const cut = cutStacks(profile);
  if (!cut) return [];
  const rows = [...new Set(cut.outermost.map((callFrame) => frames[frameOf(callFrame)]!))].map((frame) =>
    frame.line > 0 ? `${frame.name} (${frame.file}:${frame.line})` : frame.name,
  );
  const ms = (cut.time / 1e6).toFixed(1);
  return [
    `${cut.samples} samples (${ms} ms) had stacks deeper than V8 keeps (${V8_STACK_LIMIT} frames): their outer ` +
      `frames are lost, so they hang under the root and the cumtime of the callers of ${rows.join(', ')} ` +
      'misses them (--mode trace counts every frame)',
  ];
}

/**
 * Native functions only Node's internals (or V8's root) call (`MessageChannel`,
 * `postMessage` and `evaluate` of the ES module loader) are Node's machinery, not the program's: they are
 * categorised with Node's internals, so tables fold them too. A native function the
 * program calls (`sqrt`) stays visible, as cProfile shows `{built-in method math.sqrt}`.
 */
function foldNativeHelpers(tree: readonly TreeNode[], frames: Frame[]): void {
  const calledByProgram = new Set<number>();
  for (const node of tree) {
    const parent = node.parent >= 0 ? frames[tree[node.parent]!.frame]! : null;
    if (parent && parent.category !== 'node' && parent.category !== 'special') calledByProgram.add(node.frame);
  }
  frames.forEach((frame, id) => {
    if (frame.category === 'native' && !calledByProgram.has(id)) frame.category = 'node';
  });
}

// V8's "(idle)" is the event loop waiting: no code runs, so like cProfile's tables the
// profile leaves it out (meta.duration keeps the wall time).
function isIdle(callFrame: V8CallFrame): boolean {
  return callFrame.functionName === '(idle)' && callFrame.url === '';
}

/**
 * Puts coverage's call counts on the functions: sampled ones get their count, and
 * functions that ran but were never sampled are added with their count and zero time.
 * Counts V8 marks inexact are kept for the program's code (lower bounds, said in a note)
 * and dropped for Node's internals. Returns how many inexact counts were kept.
 */
function overlayCounts(
  scripts: readonly ScriptCounts[],
  matched: Map<FunctionCount, number>,
  frames: FrameTable,
  functions: FunctionStats[],
  ignore: (url: string) => boolean,
): number {
  const byFrame = new Map(functions.map((fn) => [fn.frame, fn]));
  for (const fn of functions) fn.primitiveCalls = null; // recursion depth is not sampled
  let inexact = 0;
  for (const script of scripts) {
    if (ignore(script.url)) continue;
    for (const fn of script.functions) {
      if (!fn.exact && script.url.startsWith('node:')) continue;
      if (!fn.exact) inexact++;
      const frame = matched.get(fn) ?? frames.intern(fn.label ?? fn.name, script.url, fn.origin ?? fn.start);
      let stats = byFrame.get(frame);
      if (!stats) {
        stats = { frame, calls: 0, primitiveCalls: null, self: 0, total: 0 };
        byFrame.set(frame, stats);
        functions.push(stats);
      }
      stats.calls = (stats.calls ?? 0) + fn.count; // sampled functions start at null
    }
  }
  return inexact;
}

function exactness(data: SampleData, inexact: number): Profile['meta']['exactness'] {
  // 'exact' speaks for the counts there are: uncounted functions show `?`, not a guess.
  const calls = data.counts === null ? 'none' : inexact > 0 ? 'estimated' : 'exact';
  return { calls, edges: data.counts === null ? 'none' : 'estimated', time: 'sampled' };
}

function notes(data: SampleData, inexact: number): string[] {
  if (data.counts === null) return ['sample mode: times are sampled; calls were not counted'];
  const counted =
    data.countedBy === 'instrument' ? "ncalls are exact for the program's own functions (counted by instrumentation), ? elsewhere" : 'ncalls are exact (V8 block coverage)';
  const result = [
    `sample mode: ${counted}; times are sampled; primitive calls are not known (--mode trace counts them)`,
    "a caller's share of a function's calls is estimated from its share of the function's sampled self time",
  ];
  if (inexact > 0) {
    result.push(`${inexact} functions were compiled before counting started: their counts are lower bounds`);
  }
  return result;
}
