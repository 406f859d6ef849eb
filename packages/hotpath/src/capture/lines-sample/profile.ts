/**
 * The {@link Profile} of a sample-mode line capture: the picked functions as frames, their
 * exact calls and sampled times, and per line exact hits (the counters) and sampled time
 * with callees (V8's log), with the sampling error stated in the notes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame, FunctionStats, LineStats, Profile, UnmatchedTarget as UnmatchedMessage } from '../../model/profile.js';
import type { OwnCode } from '../cpu-tree.js';
import { readMapsOf } from '../source-maps.js';
import { withSource, type ReadSource } from '../function-source.js';
import type { SampleMeta } from '../sample-profile.js';
import { chargeTicks, emptyTimes, type FunctionTimes, type PickedIn } from './line-times.js';
import type { LinesSampleData } from './protocol.js';
import { isV8Log } from './v8-flags.js';
import { readV8Log } from './v8-log.js';

/** A target that matched no function, with the functions that do exist, per file. */
export interface UnmatchedTarget {
  target: string;
  available: Array<{ file: string; names: string[] }>;
}

/** The targets that picked nothing in any module the program loaded. */
export function unmatchedTargets(data: LinesSampleData): UnmatchedTarget[] {
  const matched = new Set(data.modules.flatMap((m) => m.matched));
  const available = data.modules.filter((m) => m.names.length > 0).map((m) => ({ file: m.file, names: [...new Set(m.names)] }));
  return data.targets.filter((t) => !matched.has(t)).map((target) => ({ target, available }));
}

/** Options of {@link buildLinesSampleProfile}. */
export interface LinesProfileOptions {
  /** The profiler's own code, whose ticks are left out (see chargeTicks). */
  own?: OwnCode;
  /** Reads a source file, for the frames' source hashes (default: from disk). */
  readSource?: ReadSource;
  /**
   * Only the log of this thread (0: the main thread; a worker's `threadId`), found by the
   * script the preload names for its thread (`hotpath-thread:N`); default: every log.
   */
  thread?: number;
}

/** Builds the profile; reads V8's logs from `data.logDir`. */
export function buildLinesSampleProfile(data: LinesSampleData, meta: SampleMeta, options: LinesProfileOptions = {}): Profile {
  const picked = pickedFunctions(data);
  const times = emptyTimes(picked.length);
  const urls = new Set(picked.map((p) => p.url));
  const want = (url: string): boolean => urls.has(url.startsWith('/') ? pathToFileURL(url).href : url);
  for (const file of logFiles(data.logDir)) {
    const text = readFileSync(file, 'utf8');
    if (options.thread !== undefined && logThread(text) !== options.thread) continue;
    chargeTicks(readV8Log(text, want), picked, data.intervalUs, times, options.own);
  }
  readMapsOf(new Set(data.modules.filter((m) => m.picked.length > 0).map((m) => m.url))); // for sources only in a map
  const frames: Frame[] = picked.map(({ fn }) => withSource({ name: fn.name, file: fn.file, line: fn.line, column: fn.column, category: 'user' }, fn.endLine, options.readSource));
  const functions: FunctionStats[] = picked.map(({ fn }, frame) => ({
    frame,
    calls: data.counts[fn.entryCounter] ?? 0,
    primitiveCalls: null,
    self: Math.round(times[frame]!.selfTime * 1000),
    total: Math.round(times[frame]!.time * 1000),
  }));
  const lines = picked.flatMap(({ fn }, frame) => lineStats(fn, frame, times[frame]!, data.counts));
  return {
    unit: 'ns',
    meta: {
      ...meta,
      interval: Math.round(data.intervalUs * 1000),
      mode: 'sample',
      exactness: { calls: 'exact', edges: 'none', time: 'sampled' },
      notes: notes(data, picked, times),
      unmatchedTargets: unmatchedMessages(data),
    },
    frames,
    functions,
    edges: [],
    lines,
  };
}

function pickedFunctions(data: LinesSampleData): PickedIn[] {
  const seen = new Set<string>();
  return data.modules.flatMap((m) =>
    m.picked.flatMap((fn) => {
      const key = `${m.url}\0${fn.name}\0${fn.line}:${fn.column}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ url: m.url, fn }];
    }),
  );
}

/** The thread whose log this is (V8 writes one per isolate), by the preload's marker; null if none. */
export function logThread(text: string): number | null {
  const match = /^script-source,\d+,hotpath-thread:(\d+),/m.exec(text);
  return match ? Number(match[1]) : null;
}

function logFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter(isV8Log)
      .map((name) => path.join(dir, name));
  } catch {
    return []; // no log: node was not started with the flags
  }
}

function lineStats(fn: PickedIn['fn'], frame: number, times: FunctionTimes, counts: readonly number[]): LineStats[] {
  // A line shows the hits of the first statement starting on it (a loop header: its iterations).
  const hits = new Map<number, number>();
  for (const s of fn.statements) if (!hits.has(s.line)) hits.set(s.line, counts[s.counter] ?? 0);
  const lines = [...new Set([...hits.keys(), ...times.lines.keys()])].sort((a, b) => a - b);
  return lines.map((line) => ({ frame, line, hits: hits.get(line) ?? null, time: Math.round((times.lines.get(line)?.time ?? 0) * 1000) }));
}

function notes(data: LinesSampleData, picked: readonly PickedIn[], times: readonly FunctionTimes[]): string[] {
  const interval = data.intervalUs >= 1000 ? `${data.intervalUs / 1000} ms` : `${data.intervalUs} us`;
  const out = [
    'line hits are exact (counters added to the picked functions); a loop header shows its iterations',
    `line times are sampled: V8 stack ticks every ${interval}, a line charged for each tick with it anywhere on the stack, so a line's time includes the functions it calls`,
    'in optimised code V8 puts ticks on loop headers and stores: time can shift between neighbouring lines of a loop',
  ];
  picked.forEach(({ fn }, i) => {
    const n = times[i]!.ticks;
    const error = n > 0 ? `: a line's share of the time has a standard error of at most ${(50 / Math.sqrt(n)).toFixed(1)} points (sqrt(k) ticks for a line with k)` : '';
    out.push(`${fn.name}: ${n} ticks${error}`);
  });
  return [...out, ...unmatchedMessages(data).map((u) => u.message)];
}

function unmatchedMessages(data: LinesSampleData): UnmatchedMessage[] {
  return unmatchedTargets(data).map(({ target, available }) => ({
    target,
    message: `no function matched '${target}' (functions: ${available
      .flatMap((a) => a.names)
      .slice(0, 20)
      .join(', ')})`,
  }));
}
