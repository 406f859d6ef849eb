/**
 * Sample mode's line-counting transform: the functions the user picked get a counter per
 * basic block (blocks.ts); every other function runs untouched. Only text is inserted,
 * never a line break, so line numbers stay those of the code as loaded (TypeScript's, after
 * type blanking); a compiled file's own source map takes them back to its source.
 */
import * as acorn from 'acorn';
import { walkWithAncestors } from '../ast.js';
import { findFunctions, type FoundFunction } from '../count-transform.js';
import { applyTextInsertions, type TextInsertion } from '../edit-map.js';
import { blankMarkerDecorators, wrappedFunction, type Markers } from '../lines-trace/markers.js';
import { LineIndex } from '../positions.js';
import { readInputMap } from '../trace/loader.js';
import { PositionTracer } from '../trace/positions.js';
import { planBlocks, type BlockInsertion, type BlockPlan } from './blocks.js';
import { LINE_COUNTERS_GLOBAL, type LinesModuleRecord, type PickedFunction } from './protocol.js';
import { matchesAny, pickFunctions, type Candidate } from './targets.js';

/** Options of {@link instrumentLines}. */
export interface LinesTransformOptions {
  sourceType: 'module' | 'script';
  /** Path of the code (its URL is `url`). */
  file: string;
  url: string;
  /** The targets as the user wrote them (see targets.ts). */
  targets: readonly string[];
  /** Hands out `count` consecutive counter slots and returns the first; `null` when full. */
  allocateIds(count: number): number | null;
  /** For cwd-relative file targets. */
  cwd?: string;
}

type Found = FoundFunction;

/**
 * The counted code and what it counts; `null` where the code does not parse or the
 * counters are full (it then runs uncounted).
 */
export function instrumentLines(original: string, options: LinesTransformOptions): { code: string; insertions: TextInsertion[]; record: LinesModuleRecord } | null {
  // hotpath's `@profile` blanked (spaces: positions kept), remembering what it decorated.
  const { code: source, markers } = original.includes('hotpath') ? blankMarkerDecorators(original) : { code: original, markers: null };
  let program: acorn.Program;
  try {
    program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: options.sourceType, allowHashBang: true, allowReturnOutsideFunction: options.sourceType === 'script' });
  } catch {
    return null;
  }
  const input = readInputMap(source, options.file);
  const place = new Placer(source, new PositionTracer(options.file, input?.map, input?.url), input !== null);
  const found = findFunctions(program, source);
  const candidates = found.map((fn) => place.candidate(fn));
  const targeted = pickFunctions(candidates, options.targets, options.cwd);
  const wrapped = markedFunctions(program, source, markers);
  const picked = found.filter((fn, i) => targeted.has(i) || wrapped.has(fn.node) || wrapped.has(fn.node.type === 'FunctionDeclaration' ? (fn.node.id?.name ?? '') : ''));
  const record: LinesModuleRecord = { url: options.url, file: candidates[0]?.file ?? options.file, names: candidates.map((c) => c.name), matched: [], picked: [] };
  record.matched = options.targets.filter((target) => matchesAny(candidates, target, options.cwd));
  if (picked.length === 0) return { code: source, insertions: [], record };
  // Each picked function has its own plan; one nested in another is its own function, as in trace mode.
  const plans = picked.map((fn) => ({ fn, plan: planBlocks(fn.node) }));
  const first = options.allocateIds(plans.reduce((sum, { plan }) => sum + plan.size, 0));
  if (first === null) return null;
  let base = first;
  const insertions: BlockInsertion[] = [];
  // Outer plans before the plans nested in them, so that insert() keeps nested text nested.
  for (const { fn, plan } of [...plans].sort((a, b) => a.fn.node.start - b.fn.node.start || b.fn.node.end - a.fn.node.end)) {
    insertions.push(...plan.insertions.map((i) => ({ ...i, counter: base + i.counter })));
    record.picked.push(place.picked(fn, plan, base));
    base += plan.size;
  }
  const ordered = orderInsertions(insertions);
  return { code: applyTextInsertions(source, ordered), insertions: ordered, record };
}

/**
 * What hotpath's markers pick, as in trace mode (../lines-trace/markers.ts): methods under
 * `@profile`, the function expressions `profile(fn)` wraps, and the names of wrapped declarations.
 */
function markedFunctions(program: acorn.Program, source: string, markers: Markers | null): Set<acorn.Node | string> {
  const marked = new Set<acorn.Node | string>();
  if (markers === null || markers.names.size === 0) return marked;
  walkWithAncestors(program, (node) => {
    if ((node.type === 'MethodDefinition' || node.type === 'Property') && markers.decorated.has(node.start)) marked.add((node as acorn.MethodDefinition).value);
    const fn = node.type === 'CallExpression' ? wrappedFunction(node as acorn.CallExpression, source, markers.names) : null;
    if (fn !== null && fn !== '') marked.add(fn);
  });
  return marked;
}

const TEXT: Record<BlockInsertion['kind'], (slot: string) => string> = {
  statement: (slot) => `${slot}++;`,
  open: (slot) => `{${slot}++;`,
  close: () => '}',
  expression: (slot) => `(${slot}++,`,
  expressionEnd: () => ')',
};

// At one offset closings go first, inner (later planned) ones before outer ones; openings
// keep the planned order (outer before inner), so nested constructs stay nested.
function orderInsertions(insertions: readonly BlockInsertion[]): TextInsertion[] {
  const closing = (i: BlockInsertion): boolean => i.kind === 'close' || i.kind === 'expressionEnd';
  const order = insertions.map((insertion, seq) => ({ insertion, seq }));
  order.sort((a, b) => a.insertion.at - b.insertion.at || Number(closing(b.insertion)) - Number(closing(a.insertion)) || (closing(a.insertion) ? b.seq - a.seq : a.seq - b.seq));
  return order.map(({ insertion }) => ({ at: insertion.at, text: TEXT[insertion.kind](`${LINE_COUNTERS_GLOBAL}[${insertion.counter}]`) }));
}

/** Positions of the parsed code, in it and in the source the user wrote. */
class Placer {
  private readonly index: LineIndex;

  constructor(
    source: string,
    private readonly tracer: PositionTracer,
    private readonly mapped: boolean,
  ) {
    this.index = new LineIndex(source);
  }

  candidate(fn: Found): Candidate {
    const start = this.original(fn.start);
    return { name: fn.name, file: start.file, line: start.line, endLine: this.original(Math.max(fn.node.end - 1, fn.node.start)).line };
  }

  picked(fn: Found, plan: BlockPlan, base: number): PickedFunction {
    const start = this.original(fn.start);
    const generatedStart = this.index.position(fn.node.start)[0];
    const generatedEnd = this.index.position(Math.max(fn.node.end - 1, fn.node.start))[0];
    const lineMap: number[] = [];
    for (let line = generatedStart; line <= generatedEnd; line++) lineMap.push(this.originalLine(line));
    const statements = [...plan.statements].sort((a, b) => a.at - b.at).map((s) => ({ line: this.original(s.at).line, counter: base + s.counter }));
    const entryCounter = base + plan.entry;
    // The last line is where the function's closing brace maps to (lines after it, such as
    // a compiled file's trailing helpers, are not the function's); else its last mapped line.
    const end = this.original(Math.max(fn.node.end - 1, fn.node.start));
    const endLine = end.file === start.file && end.line >= start.line ? end.line : Math.max(...lineMap, start.line);
    return { name: fn.name, file: start.file, line: start.line, column: start.column, endLine, generatedStart, generatedEnd, lineMap, entryCounter, statements };
  }

  private original(offset: number): { file: string; line: number; column: number } {
    const [line, column] = this.index.position(offset);
    return this.tracer.original(line + 1, column);
  }

  // A whole generated line's original line; 0 where a compiled file maps nothing on the line.
  private originalLine(line: number): number {
    if (!this.mapped) return this.tracer.originalLine(line + 1).line;
    return this.tracer.mappedLine(line + 1)?.line ?? 0;
  }
}
