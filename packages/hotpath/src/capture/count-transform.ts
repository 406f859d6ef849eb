/**
 * Sample mode's call counter: a transform that makes every function of a module add one
 * to its slot of a global Float64Array when it is called. About 2 ns per call, and unlike
 * V8's block coverage it puts nothing in loops: coverage's per-block counters cost the
 * chapter benchmark 1.1x to 1.9x (bimodal, from run to run); this costs it nothing.
 *
 * Only text is inserted, never a line break, so lines do not move. Columns after an
 * insertion on the same line do: each function's range is recorded both where it is in
 * the code V8 runs (to match V8's call frames) and where it was before (to show it).
 */
import * as acorn from 'acorn';
import { functionName } from './trace/names.js';
import { isFunction, positionNode, walkWithAncestors } from './ast.js';
import { applyTextInsertions, type TextInsertion } from './edit-map.js';
import { LineIndex } from './positions.js';
import type { GeneratedPosition } from './v8-types.js';

/** Property of `globalThis` holding the counters; slot `id` counts function `id`. */
export const COUNTERS_GLOBAL = '__hpCalls';

/** A counted function: its slot, name and positions (0-based). */
export interface CountedFunction {
  id: number;
  name: string;
  /** Range in the instrumented code (what V8's cpuprofile positions refer to). */
  start: GeneratedPosition;
  end: GeneratedPosition;
  /** Start in the code before instrumenting (what the user's source or source map refers to). */
  origin: GeneratedPosition;
}

/** Options of {@link instrumentCounts}. */
export interface CountOptions {
  sourceType: 'module' | 'script';
  /** Hands out `count` consecutive slot ids and returns the first; `null` when full. */
  allocateIds(count: number): number | null;
}

/**
 * Counting code for `source`; `null` where it does not parse or the counters are full (it
 * then runs uncounted).
 */
export function instrumentCounts(source: string, options: CountOptions): { code: string; insertions: TextInsertion[]; functions: CountedFunction[] } | null {
  let program: acorn.Program;
  try {
    program = acorn.parse(source, {
      ecmaVersion: 'latest',
      sourceType: options.sourceType,
      allowHashBang: true,
      allowReturnOutsideFunction: options.sourceType === 'script',
    });
  } catch {
    return null;
  }
  const found = findFunctions(program, source);
  if (found.length === 0) return { code: source, insertions: [], functions: [] };
  const first = options.allocateIds(found.length);
  if (first === null) return null;
  const insertions = found.flatMap((fn, i) => counterInsertions(fn.node, first + i)).sort((a, b) => a.at - b.at);
  const code = applyTextInsertions(source, insertions);
  const before = new LineIndex(source);
  const after = new LineIndex(code);
  const shifted = shifter(insertions);
  const functions = found.map((fn, i) => ({
    id: first + i,
    name: fn.name,
    start: after.position(shifted(fn.node.start)),
    end: after.position(shifted(fn.node.end)),
    origin: before.position(fn.start),
  }));
  return { code, insertions, functions };
}

/** A function of a module, named and placed as its user reads it. */
export interface FoundFunction {
  node: acorn.Function;
  name: string;
  /** Offset of its position (a method's definition, not its `(`: {@link positionNode}). */
  start: number;
}

/** Every function of `program` with its name and position as a user reads them, in source order. */
export function findFunctions(program: acorn.Program, source: string): FoundFunction[] {
  const found: FoundFunction[] = [];
  walkWithAncestors(program, (node, ancestors) => {
    if (isFunction(node)) found.push({ node, name: functionName(node, ancestors, source), start: positionNode(node, ancestors.at(-1)).start });
  });
  return found;
}

// `{ "use strict"; ...` stays a directive: the counter goes after the directive prologue,
// with a `;` in case the last directive has none. An expression body `x => e` becomes
// `x => (counter, e)`.
function counterInsertions(fn: acorn.Function, id: number): TextInsertion[] {
  const count = `${COUNTERS_GLOBAL}[${id}]++`;
  if (fn.body.type !== 'BlockStatement') {
    return [
      { at: fn.body.start, text: `(${count},` },
      { at: fn.body.end, text: ')' },
    ];
  }
  const directives = fn.body.body.filter((statement) => 'directive' in statement && statement.directive !== undefined);
  const after = directives.length > 0 ? directives.at(-1)!.end : fn.body.start + 1;
  return [{ at: after, text: `;${count};` }];
}

/**
 * Maps an original offset to its offset in the instrumented code (insertions sorted by
 * offset). Text inserted at the offset itself comes before the character there.
 */
function shifter(insertions: readonly TextInsertion[]): (offset: number) => number {
  const ends: number[] = [];
  let total = 0;
  for (const { text } of insertions) ends.push((total += text.length));
  return (offset) => {
    let low = 0;
    let high = insertions.length; // first insertion after `offset`
    while (low < high) {
      const middle = (low + high) >> 1;
      if (insertions[middle]!.at <= offset) low = middle + 1;
      else high = middle;
    }
    return offset + (low > 0 ? ends[low - 1]! : 0);
  };
}
