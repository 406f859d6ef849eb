// The line-tracing transform: JavaScript in (TypeScript already blanked, or compiled code
// with its source map), the picked functions instrumented with line events out, plus a
// source map and what was measured where. Functions that are not picked are untouched.
import type * as acorn from 'acorn';
import type { EncodedSourceMap } from '@jridgewell/remapping';
import type { TextInsertion } from '../edit-map.js';
import { applyInsertions, type Insertion } from '../instrument/insertions.js';
import { parseModule, type ParsedModule } from '../instrument/module.js';
import { pickIn, type PlacedFunction } from '../instrument/pick.js';
import { instrumentedMap } from '../instrument/compose.js';
import { PositionTracer, type RawSourceMap } from '../instrument/source-map.js';
import { LineWalker, type Slots } from './walker.js';

/** A measured function: where it is in the source the user wrote, and its slots. */
export interface LineFunction extends PlacedFunction {
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
  /** What the user picked: names, `file:line`, files (see ../instrument/targets.ts). */
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

/** Instruments the picked functions of `source` (see walker.ts for the events). */
export function instrumentLines(source: string, options: LineTransformOptions): LineTransformResult {
  const tracer = new PositionTracer(options.file, options.inputMap, options.mapUrl);
  let module: ParsedModule;
  try {
    module = parseModule(source, { file: options.file, sourceType: options.sourceType, tracer, markers: true, depths: true });
  } catch (error) {
    return { ok: false, error: `${options.file}: ${(error as Error).message}` };
  }
  const { candidates, picked } = pickIn(module, options.targets, options.cwd);
  const names = candidates.map((c) => c.name);
  if (picked.length === 0) return { ok: true, code: module.code, map: null, insertions: [], functions: [], names };

  const lineOf = (node: acorn.Node): number => module.original(node.start).line;
  const depthOf = (node: acorn.Node): number => module.depthOf(node);
  const insertions: Insertion[] = [];
  const functions: LineFunction[] = [];
  for (const { fn, placed } of picked) {
    const walker = new LineWalker(module.code, lineOf, depthOf);
    walker.planFunction(fn.node);
    const lines = [...walker.lines].sort((a, b) => a - b);
    const first = options.allocateSlots(lines.length + 1);
    if (first === null) return { ok: false, error: `${options.file}: too many measured lines` };
    const slots: Slots = { fn: first, line: (line) => first + 1 + lines.indexOf(line) };
    insertions.push(...walker.planned.map((p) => ({ pos: p.pos, depth: p.depth, closing: p.closing, text: p.text(slots) })));
    const endLine = Math.max(placed.endLine, ...lines);
    functions.push({ ...placed, endLine, slot: first, lines: lines.map((l) => [l, slots.line(l)]), marked: fn.marked });
  }
  const { code, insertions: ordered } = applyInsertions(module, insertions);
  const map = options.sourceMap === false ? null : instrumentedMap(module, ordered, tracer);
  return { ok: true, code, map, insertions: ordered, functions, names };
}
