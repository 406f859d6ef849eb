import type { InspectorSession } from './inspector.js';
import { LineIndex } from './positions.js';
import type { FunctionCount, ScriptCounts } from './v8-types.js';

interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}
interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: Array<{ functionName: string; ranges: CoverageRange[]; isBlockCoverage: boolean }>;
}

/**
 * Starts V8's precise coverage with call counts: exact function entry counts.
 *
 * Why `detailed: true`: block coverage keeps its counters in bytecode that TurboFan still
 * optimises; function-granularity counting (`detailed: false`) makes V8 give up
 * optimisation and the program runs ~20x slower. Why start before the program loads:
 * functions compiled earlier have no counters, and their counts come out wrong.
 */
export function startCoverage(session: InspectorSession): void {
  session.post('Profiler.enable');
  session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
}

/**
 * Takes the counts collected since {@link startCoverage} (V8 resets them) and resolves each
 * function's character range to line/column positions in the code V8 ran.
 *
 * @param keep - which scripts to resolve, by URL; the rest are dropped.
 */
export function takeCounts(session: InspectorSession, keep: (url: string) => boolean = () => true): ScriptCounts[] {
  const { result } = session.post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  const scripts = result.filter((script) => keep(script.url) && script.functions.some(ran));
  if (scripts.length === 0) return [];
  // Coverage ranges are character offsets into the source V8 compiled (after the loader's
  // transform): only the debugger can hand that source back.
  session.post('Debugger.enable');
  try {
    return scripts.flatMap((script) => resolveScript(session, script));
  } finally {
    session.post('Debugger.disable');
  }
}

function ran(fn: { ranges: CoverageRange[] }): boolean {
  return (fn.ranges[0]?.count ?? 0) > 0;
}

function resolveScript(session: InspectorSession, script: ScriptCoverage): ScriptCounts[] {
  let source: string;
  try {
    source = session.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: script.scriptId }).scriptSource;
  } catch {
    return []; // the script was collected: its counts cannot be placed
  }
  const lines = new LineIndex(source);
  const functions: FunctionCount[] = script.functions.filter(ran).map((fn) => {
    const range = fn.ranges[0]!; // the first range is the whole function, with its call count
    return {
      name: fn.functionName,
      start: lines.position(range.startOffset),
      end: lines.position(range.endOffset),
      count: range.count,
      exact: fn.isBlockCoverage,
    };
  });
  return [{ scriptId: script.scriptId, url: script.url, functions }];
}
