import type { Edge, FunctionStats } from '../model/profile.js';
import { comparePositions } from './positions.js';
import type { FunctionCount, GeneratedPosition, ScriptCounts, V8CallFrame } from './v8-types.js';

/**
 * Finds the count of the function a cpuprofile call frame stands for, by position alone
 * (script, line, column): names cannot match them, since V8 names a callback `''` or after
 * whatever it infers (a promise executor can come out as the name of a later `const`).
 *
 * Why not equal positions: V8 puts a cpuprofile frame at its parameter list `(`, but a
 * coverage range (or a counter's) at the `function` keyword or the method name. So the
 * match is the innermost range that contains the frame's position. A script's top level
 * (a nameless range from 0:0) matches only the frame V8 gives it, at 0:0 with no name:
 * a frame inside no function of the script is a function the counts do not know (V8's
 * `<instance_members_initializer>` of a class's fields, a class's default constructor),
 * and keeps its own name and position.
 */
export class CountIndex {
  private readonly byScript = new Map<string, FunctionCount[]>();

  constructor(scripts: readonly ScriptCounts[]) {
    for (const script of scripts) {
      const key = script.scriptId || script.url;
      this.byScript.set(key, [...(this.byScript.get(key) ?? []), ...script.functions]);
    }
  }

  find(callFrame: V8CallFrame): FunctionCount | null {
    const functions = this.byScript.get(callFrame.scriptId) ?? this.byScript.get(callFrame.url);
    if (!functions || callFrame.lineNumber < 0) return null;
    const at: GeneratedPosition = [callFrame.lineNumber, callFrame.columnNumber];
    if (isTopLevelFrame(callFrame)) return functions.find(isTopLevel) ?? null;
    const containing = functions.filter((fn) => !isTopLevel(fn) && comparePositions(fn.start, at) <= 0 && comparePositions(at, fn.end) < 0);
    return innermost(containing);
  }
}

function isTopLevelFrame(callFrame: V8CallFrame): boolean {
  return callFrame.functionName === '' && callFrame.lineNumber === 0 && callFrame.columnNumber === 0;
}

function isTopLevel(fn: FunctionCount): boolean {
  return fn.name === '' && fn.start[0] === 0 && fn.start[1] === 0;
}

// The latest start; of ranges starting together, the shortest.
function innermost(functions: FunctionCount[]): FunctionCount | null {
  let best: FunctionCount | null = null;
  for (const fn of functions) {
    const order = best ? comparePositions(fn.start, best.start) : 1;
    if (order > 0 || (order === 0 && comparePositions(fn.end, best!.end) <= 0)) best = fn;
  }
  return best;
}

/**
 * Splits each callee's exact call count over its callers: sampling sees who calls whom,
 * but not how often. Each sampled caller made at least one call; the rest are split on
 * the assumption that every call of a function costs about the same, so a caller's share
 * is its share of the callee's sampled self time (of its sampled inclusive time where no
 * self time was sampled; equal shares where neither). Shares are whole numbers that add up
 * to the callee's count (largest remainders). Edge primitive counts stay unknown (`null`).
 */
export function estimateEdgeCalls(functions: readonly FunctionStats[], edges: Edge[]): void {
  const calls = new Map(functions.map((fn) => [fn.frame, fn.calls]));
  const byCallee = new Map<number, Edge[]>();
  for (const edge of edges) {
    edge.calls = null;
    edge.primitiveCalls = null;
    byCallee.set(edge.callee, [...(byCallee.get(edge.callee) ?? []), edge]);
  }
  for (const [callee, incoming] of byCallee) {
    const total = calls.get(callee);
    if (total === null || total === undefined) continue;
    const floor = total >= incoming.length ? 1 : 0; // a sampled edge was taken at least once
    const shares = apportion(total - floor * incoming.length, pickWeights(incoming));
    shares.forEach((share, i) => (incoming[i]!.calls = floor + share));
  }
}

function pickWeights(edges: readonly Edge[]): number[] {
  if (edges.some((edge) => edge.self > 0)) return edges.map((edge) => edge.self);
  if (edges.some((edge) => edge.total > 0)) return edges.map((edge) => edge.total);
  return edges.map(() => 1);
}

/**
 * Whole-number shares of `total` in proportion to `weights` (equal where all are zero),
 * summing to `total`.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    shares[i]!++;
    left--;
  }
  return shares;
}
