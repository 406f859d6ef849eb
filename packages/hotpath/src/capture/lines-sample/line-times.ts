/**
 * Line times from ticks: a tick is charged to each distinct line of a picked function found
 * anywhere on its stack, once per line (so recursion is not counted twice). A line's time
 * therefore includes the functions it calls, as line_profiler's does.
 */
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../positions.js';
import type { Tick, V8Log } from './v8-log.js';
import type { PickedFunction } from './protocol.js';

/** Ticks and time (µs) charged to one function and to its lines. */
export interface FunctionTimes {
  /** Ticks with the function on the stack, and their time. */
  ticks: number;
  time: number;
  /** Ticks whose innermost JavaScript frame is in the function (natives it calls included). */
  selfTicks: number;
  selfTime: number;
  /** Original line -> ticks and time. */
  lines: Map<number, { ticks: number; time: number }>;
}

/** A picked function with the URL of the module that holds it. */
export interface PickedIn {
  url: string;
  fn: PickedFunction;
}

/**
 * Adds the ticks of one log to `times` (one entry per picked function, same order). Ticks
 * with a frame in a script `ignoreUrl` names (the profiler's own code: the capture written
 * inside `process.exit()`) are left out.
 */
export function chargeTicks(log: V8Log, picked: readonly PickedIn[], intervalUs: number, times: FunctionTimes[], ignoreUrl: (url: string) => boolean = () => false): void {
  const byScript = scriptsOf(log, picked);
  const ignored = new Set([...log.urls].filter(([, url]) => ignoreUrl(url.startsWith('/') ? pathToFileURL(url).href : url)).map(([id]) => id));
  let previous = NaN;
  for (const tick of log.ticks) {
    // A tick stands for the time since the one before; a long gap (the sampler paused) counts one interval.
    const gap = tick.time - previous;
    previous = tick.time;
    const time = gap > 0 && gap < 10 * intervalUs ? gap : intervalUs;
    if (!tick.frames.some((frame) => ignored.has(frame.script))) chargeTick(tick, time, byScript, times);
  }
}

type ScriptLines = { index: LineIndex; functions: Array<{ at: number; fn: PickedFunction }> };

function scriptsOf(log: V8Log, picked: readonly PickedIn[]): Map<number, ScriptLines> {
  const byScript = new Map<number, ScriptLines>();
  for (const [id, script] of log.scripts) {
    const url = script.url.startsWith('/') ? pathToFileURL(script.url).href : script.url;
    const functions = picked.flatMap((p, at) => (p.url === url ? [{ at, fn: p.fn }] : []));
    if (functions.length > 0) byScript.set(id, { index: new LineIndex(script.source), functions });
  }
  return byScript;
}

function chargeTick(tick: Tick, time: number, byScript: ReadonlyMap<number, ScriptLines>, times: FunctionTimes[]): void {
  const charged = new Set<number>();
  const lines = new Map<number, Set<number>>();
  tick.frames.forEach((frame, depth) => {
    const script = byScript.get(frame.script);
    if (!script) return;
    const line = script.index.position(frame.offset)[0];
    for (const { at, fn } of script.functions) {
      if (line < fn.generatedStart || line > fn.generatedEnd) continue;
      if (!charged.has(at)) {
        charged.add(at);
        times[at]!.ticks++;
        times[at]!.time += time;
        if (depth === 0) {
          times[at]!.selfTicks++;
          times[at]!.selfTime += time;
        }
      }
      const original = fn.lineMap[line - fn.generatedStart] ?? 0;
      if (original > 0) (lines.get(at) ?? lines.set(at, new Set()).get(at)!).add(original);
    }
  });
  for (const [at, set] of lines) {
    for (const line of set) {
      const stats = times[at]!.lines.get(line) ?? { ticks: 0, time: 0 };
      stats.ticks++;
      stats.time += time;
      times[at]!.lines.set(line, stats);
    }
  }
}

/** Empty times for `count` functions. */
export function emptyTimes(count: number): FunctionTimes[] {
  return Array.from({ length: count }, () => ({ ticks: 0, time: 0, selfTicks: 0, selfTime: 0, lines: new Map() }));
}
