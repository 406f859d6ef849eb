// The line-tracing transform: JavaScript in (TypeScript already blanked, or compiled code
// with its source map), the picked functions instrumented with line events out, plus a
// source map and what was measured where. Functions that are not picked are untouched.
import type * as acorn from 'acorn';
import { isFunction, isMethodOf, positionNode, walkWithAncestors } from '../ast.js';
import type { EncodedSourceMap } from '@jridgewell/remapping';
import { pickFunctions, type Candidate } from '../lines-sample/targets.js';
import { applyTextInsertions, insertionMap, type TextInsertion } from '../edit-map.js';
import { orderInsertions, type Insertion } from '../trace/edits.js';
import { parseSource } from '../trace/instrument.js';
import { functionName } from '../trace/names.js';
import { PositionTracer, composeMaps, type RawSourceMap } from '../trace/positions.js';
import { blankMarkerDecorators, wrappedFunction, type Markers } from './markers.js';
import { LineWalker, type Slots } from './walker.js';

/** A measured function: where it is in the source the user wrote, and its slots. */
export interface LineFunction extends Candidate {
  column: number;
  /** Slot counting its calls. */
  slot: number;
  /** `[original line, slot]` of each line with events. */
  lines: Array<[number, number]>;
  /** Picked by `@profile` / `profile(fn)` in the code. */
  marked: boolean;
}

/** Options of {@link instrumentLines}. */
export interface LineTransformOptions {
  /** Absolute path of the code's file. */
  file: string;
  sourceType: 'module' | 'script';
  /** The code's own source map (a dist/ file's .js.map) and where it lives. */
  inputMap?: RawSourceMap;
  mapUrl?: string;
  /** What the user picked: names, `file:line`, files (see ../lines-sample/targets.ts). */
  targets: string[];
  /** Directory relative targets are resolved from. */
  cwd: string;
  /** Hands out `count` consecutive slots and returns the first; `null` when full. */
  allocateSlots: (count: number) => number | null;
  /** Whether to make the result's `map` (the default); the runner makes its own from the insertions. */
  sourceMap?: boolean;
}

/** The outcome of {@link instrumentLines}. */
export type LineTransformResult =
  { ok: true; code: string; map: EncodedSourceMap | null; insertions: TextInsertion[]; functions: LineFunction[]; names: string[] } | { ok: false; error: string };

interface Found {
  node: acorn.Function;
  candidate: Candidate & { column: number };
  marked: boolean;
}

/** Instruments the picked functions of `source` (see walker.ts for the events). */
export function instrumentLines(source: string, options: LineTransformOptions): LineTransformResult {
  const { code, markers } = source.includes('hotpath') ? blankMarkerDecorators(source) : { code: source, markers: null };
  let program: acorn.Program;
  try {
    program = parseSource(code, options.sourceType);
  } catch (error) {
    return { ok: false, error: `${options.file}: ${(error as Error).message}` };
  }
  const tracer = new PositionTracer(options.file, options.inputMap, options.mapUrl);
  const depths = new Map<acorn.Node, number>();
  const found = findFunctions(program, code, tracer, markers, depths);
  const names = found.map((f) => f.candidate.name);
  const targeted = pickFunctions(
    found.map((f) => f.candidate),
    options.targets,
    options.cwd,
  );
  const picked = found.filter((f, i) => f.marked || targeted.has(i));
  const unchanged = { ok: true as const, code, map: null, insertions: [], functions: [], names };
  if (picked.length === 0) return unchanged;

  const lineOf = (node: acorn.Node): number => tracer.original(node.loc!.start.line, node.loc!.start.column).line;
  const depthOf = (node: acorn.Node): number => depths.get(node) ?? 0;
  const insertions: Insertion[] = [];
  const functions: LineFunction[] = [];
  for (const f of picked) {
    const walker = new LineWalker(code, lineOf, depthOf);
    walker.planFunction(f.node);
    const lines = [...walker.lines].sort((a, b) => a - b);
    const first = options.allocateSlots(lines.length + 1);
    if (first === null) return { ok: false, error: `${options.file}: too many measured lines` };
    const slots: Slots = { fn: first, line: (line) => first + 1 + lines.indexOf(line) };
    insertions.push(...walker.planned.map((p) => ({ pos: p.pos, depth: p.depth, closing: p.closing, text: p.text(slots) })));
    const endLine = Math.max(f.candidate.endLine, ...lines);
    functions.push({ ...f.candidate, endLine, slot: first, lines: lines.map((l) => [l, slots.line(l)]), marked: f.marked });
  }
  const ordered = orderInsertions(insertions);
  const map = options.sourceMap === false ? null : composeMaps(insertionMap(code, ordered, { file: options.file, lines: 'all' }), tracer);
  return { ok: true, code: applyTextInsertions(code, ordered), map, insertions: ordered, functions, names };
}

/** Every function of the program, named and placed, with whether a marker picks it. */
function findFunctions(program: acorn.Program, code: string, tracer: PositionTracer, markers: Markers | null, depths: Map<acorn.Node, number>): Found[] {
  const found: Found[] = [];
  const wrappedNames = new Set<string>();
  const wrappedNodes = new Set<acorn.Node>();
  walkWithAncestors(program, (node, ancestors) => {
    depths.set(node, ancestors.length);
    if (markers && node.type === 'CallExpression') {
      const wrapped = wrappedFunction(node as acorn.CallExpression, code, markers.names);
      if (typeof wrapped === 'string') wrappedNames.add(wrapped);
      else if (wrapped) wrappedNodes.add(wrapped);
    }
    if (isFunction(node)) found.push(describe(node, ancestors, code, tracer, markers));
  });
  for (const f of found) {
    const id = (f.node as acorn.FunctionDeclaration).id;
    if (wrappedNodes.has(f.node) || (f.node.type === 'FunctionDeclaration' && id && wrappedNames.has(id.name))) f.marked = true;
  }
  return found;
}

function describe(fn: acorn.Function, ancestors: readonly acorn.Node[], code: string, tracer: PositionTracer, markers: Markers | null): Found {
  const parent = ancestors.at(-1);
  const method = isMethodOf(parent, fn);
  const start = positionNode(fn, parent).loc!.start;
  const at = tracer.original(start.line, start.column);
  const end = tracer.original(fn.loc!.end.line, Math.max(0, fn.loc!.end.column - 1));
  const marked = method && markers !== null && markers.decorated.has(parent!.start);
  const endLine = end.file === at.file && end.line >= at.line ? end.line : at.line;
  return { node: fn, marked, candidate: { name: functionName(fn, ancestors, code), file: at.file, line: at.line, column: at.column, endLine } };
}
