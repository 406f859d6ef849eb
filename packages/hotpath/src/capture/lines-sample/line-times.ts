/**
 * Line times from ticks: a tick is charged to each distinct line of a picked function found
 * anywhere on its stack, once per line (so recursion is not counted twice). A line's time
 * therefore includes the functions it calls, as line_profiler's does.
 */
import { pathToFileURL } from 'node:url';
import { ownerOf, type OwnCode, type Owner } from '../cpu-tree.js';
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
 * in the profiler's own code (`own`: the capture written inside `process.exit()`, the
 * CommonJS hook's transform) are left out; a tick of the program running *under* the
 * profiler's frames (a CommonJS module's top level runs inside the `require` hook) is the
 * program's, as buildCpuTree reads the same stacks.
 */
export function chargeTicks(log: V8Log, picked: readonly PickedIn[], intervalUs: number, times: FunctionTimes[], own?: OwnCode): void {
  const byScript = scriptsOf(log, picked);
  const urls = new Map([...log.urls].map(([id, url]) => [id, url.startsWith('/') ? pathToFileURL(url).href : url]));
  const isProgram = (tick: Tick): boolean => {
    let owner: Owner = 'program';
    for (let i = tick.frames.length - 1; i >= 0; i--) owner = ownerOf(urls.get(tick.frames[i]!.script) ?? '', owner, own);
    return owner === 'program';
  };
  let previous = NaN;
  for (const tick of log.ticks) {
    // A tick stands for the time since the one before; a long gap (the sampler paused) counts one interval.
    const gap = tick.time - previous;
    previous = tick.time;
    const time = gap > 0 && gap < 10 * intervalUs ? gap : intervalUs;
    if (isProgram(tick)) chargeTick(tick, time, byScript, times);
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
