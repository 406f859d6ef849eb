/**
 * Sample mode's line-counting transform: the functions the user picked get a counter per
 * basic block (blocks.ts); every other function runs untouched. Only text is inserted,
 * never a line break, so line numbers stay those of the code as loaded (TypeScript's, after
 * type blanking); a compiled file's own source map takes them back to its source.
 */
import type { TextInsertion } from '../edit-map.js';
import { applyInsertions, type Insertion } from '../instrument/insertions.js';
import { parseModule, type ModuleFunction, type ParsedModule } from '../instrument/module.js';
import { pickIn, type PlacedFunction } from '../instrument/pick.js';
import { matchesAny } from '../instrument/targets.js';
import { PositionTracer } from '../instrument/source-map.js';
import { readInputMap } from '../trace/loader.js';
import { planBlocks, type BlockInsertion, type BlockPlan } from './blocks.js';
import { LINE_COUNTERS_GLOBAL, type LinesModuleRecord, type PickedFunction } from './protocol.js';

/** Options of {@link instrumentLines}. */
export interface LinesTransformOptions {
  sourceType: 'module' | 'script';
  /** Path of the code (its URL is `url`). */
  file: string;
  url: string;
  /** The targets as the user wrote them (see ../instrument/targets.ts). */
  targets: readonly string[];
  /** Hands out `count` consecutive counter slots and returns the first; `null` when full. */
  allocateIds(count: number): number | null;
  /** For cwd-relative file targets. */
  cwd?: string;
}

/**
 * The counted code and what it counts; `null` where the code does not parse or the
 * counters are full (it then runs uncounted).
 */
export function instrumentLines(original: string, options: LinesTransformOptions): { code: string; insertions: TextInsertion[]; record: LinesModuleRecord } | null {
  const input = readInputMap(original, options.file);
  const tracer = new PositionTracer(options.file, input?.map, input?.url);
  let module: ParsedModule;
  try {
    // hotpath's `@profile` blanked (spaces: positions kept), remembering what it decorated.
    module = parseModule(original, { file: options.file, sourceType: options.sourceType, tracer, markers: true });
  } catch {
    return null;
  }
  const { candidates, picked } = pickIn(module, options.targets, options.cwd);
  const record: LinesModuleRecord = { url: options.url, file: candidates[0]?.file ?? options.file, names: candidates.map((c) => c.name), matched: [], picked: [] };
  record.matched = options.targets.filter((target) => matchesAny(candidates, target, options.cwd));
  if (picked.length === 0) return { code: module.code, insertions: [], record };
  // Each picked function has its own plan; one nested in another is its own function, as in trace mode.
  const plans = picked.map(({ fn, placed }) => ({ fn, placed, plan: planBlocks(fn.node) }));
  const first = options.allocateIds(plans.reduce((sum, { plan }) => sum + plan.size, 0));
  if (first === null) return null;
  let base = first;
  const insertions: Insertion[] = [];
  // Plans list their text outer before inner, and picked functions come outer before the
  // ones nested in them: that order is the nesting order (`depth`) that keeps text nested.
  for (const { fn, placed, plan } of plans) {
    for (const insertion of plan.insertions) insertions.push(counterText(insertion, base, insertions.length));
    record.picked.push(pickedFunction(module, tracer, input !== null, fn, placed, plan, base));
    base += plan.size;
  }
  const { code, insertions: ordered } = applyInsertions(module, insertions);
  return { code, insertions: ordered, record };
}

const TEXT: Record<BlockInsertion['kind'], (slot: string) => string> = {
  statement: (slot) => `${slot}++;`,
  open: (slot) => `{${slot}++;`,
  close: () => '}',
  expression: (slot) => `(${slot}++,`,
  expressionEnd: () => ')',
};

function counterText(insertion: BlockInsertion, base: number, order: number): Insertion {
  const closing = insertion.kind === 'close' || insertion.kind === 'expressionEnd';
  const text = TEXT[insertion.kind](`${LINE_COUNTERS_GLOBAL}[${base + insertion.counter}]`);
  return { pos: insertion.at, text, closing, depth: order };
}

/** A picked function as the parent reads it: positions, the generated lines it spans, its counters. */
function pickedFunction(module: ParsedModule, tracer: PositionTracer, mapped: boolean, fn: ModuleFunction, placed: PlacedFunction, plan: BlockPlan, base: number): PickedFunction {
  const generatedStart = module.generated(fn.node.start)[0];
  const generatedEnd = module.generated(Math.max(fn.node.end - 1, fn.node.start))[0];
  const lineMap: number[] = [];
  for (let line = generatedStart; line <= generatedEnd; line++) lineMap.push(originalLine(tracer, mapped, line));
  const statements = [...plan.statements].sort((a, b) => a.at - b.at).map((s) => ({ line: module.original(s.at).line, counter: base + s.counter }));
  // The last line is where the function's closing brace maps to (lines after it, such as
  // a compiled file's trailing helpers, are not the function's); else its last mapped line.
  const end = module.original(Math.max(fn.node.end - 1, fn.node.start));
  const endLine = end.file === placed.file && end.line >= placed.line ? end.line : Math.max(...lineMap, placed.line);
  const { name, file, line, column } = placed;
  return { name, file, line, column, endLine, generatedStart, generatedEnd, lineMap, entryCounter: base + plan.entry, statements };
}

// A whole generated line's original line; 0 where a compiled file maps nothing on the line.
function originalLine(tracer: PositionTracer, mapped: boolean, line: number): number {
  if (!mapped) return tracer.originalLine(line + 1).line;
  return tracer.mappedLine(line + 1)?.line ?? 0;
}
