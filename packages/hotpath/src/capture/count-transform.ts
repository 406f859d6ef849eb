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
import { afterDirectives } from './instrument/ast.js';
import { applyInsertions, type Insertion } from './instrument/insertions.js';
import { parseModule, type ModuleFunction, type ParsedModule } from './instrument/module.js';
import type { TextInsertion } from './edit-map.js';
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
  let module: ParsedModule;
  try {
    // The file name only names positions, which the runner maps itself (counts are matched to V8's frames).
    module = parseModule(source, { file: '', sourceType: options.sourceType });
  } catch {
    return null;
  }
  const found = module.functions;
  if (found.length === 0) return { code: source, insertions: [], functions: [] };
  const first = options.allocateIds(found.length);
  if (first === null) return null;
  const { code, insertions } = applyInsertions(
    module,
    found.flatMap((fn) => counterInsertions(fn, first + fn.index, source)),
  );
  const after = new LineIndex(code);
  const shifted = shifter(insertions);
  const functions = found.map((fn) => ({
    id: first + fn.index,
    name: fn.name,
    start: after.position(shifted(fn.node.start)),
    end: after.position(shifted(fn.node.end)),
    origin: module.generated(fn.start),
  }));
  return { code, insertions, functions };
}

// `{ "use strict"; ...` stays a directive: the counter goes after the directive prologue,
// with a `;` in case the last directive has none. An expression body `x => e` becomes
// `x => (counter, e)`.
function counterInsertions({ node: fn, depth }: ModuleFunction, id: number, source: string): Insertion[] {
  const count = `${COUNTERS_GLOBAL}[${id}]++`;
  if (fn.body.type !== 'BlockStatement') {
    return [
      { pos: fn.body.start, text: `(${count},`, closing: false, depth },
      { pos: fn.body.end, text: ')', closing: true, depth },
    ];
  }
  const { pos } = afterDirectives(source, fn.body.body, fn.body.start + 1);
  return [{ pos, text: `;${count};`, closing: false, depth }];
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
