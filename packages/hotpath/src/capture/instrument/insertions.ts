// The last step of the instrumenting pipeline: the planners' insertions, ordered and
// applied, and the source map of the result. Every capture only ever inserts text (never
// removes or moves any), always on the line of the position it is anchored to, so line
// numbers of the instrumented code equal the original's and only columns shift (the source
// map, made from the insertions by ../edit-map.ts, tells by how much).
import type { EncodedSourceMap } from '@jridgewell/remapping';
import { applyTextInsertions, insertionMap, type TextInsertion } from '../edit-map.js';
import type { ParsedModule } from './module.js';
import { composeMaps } from './source-map.js';

/** One piece of text to insert at an offset of the parsed code. */
export interface Insertion {
  pos: number;
  text: string;
  /**
   * Whether the text closes a construct (`}finally{...}`, `,__hpc)`) or opens one.
   * At one offset, closings go before openings, inner closings before outer ones and
   * outer openings before inner ones, so nested constructs stay nested.
   */
  closing: boolean;
  /** Nesting depth of the construct the text belongs to (AST depth). */
  depth: number;
}

function compare(a: Insertion, b: Insertion): number {
  if (a.pos !== b.pos) return a.pos - b.pos;
  if (a.closing !== b.closing) return a.closing ? -1 : 1;
  return a.closing ? b.depth - a.depth : a.depth - b.depth;
}

/** `insertions` in output order: one that keeps nested constructs nested (ties keep their planned order). */
export function orderInsertions(insertions: readonly Insertion[]): TextInsertion[] {
  return [...insertions].sort(compare).map(({ pos, text }) => ({ at: pos, text }));
}

/** An instrumented module: its code, the text inserted (output order), and its map when asked for. */
export interface Instrumented {
  code: string;
  insertions: TextInsertion[];
  /** Instrumented code -> the user's source (through the module's own map); `null` when not asked for. */
  map: EncodedSourceMap | null;
}

/**
 * Applies the planned insertions to the module's code. The runner makes its own map from
 * the insertions (runner/node-maps.ts), so `sourceMap` is for direct callers (tests, the API).
 */
export function applyInsertions(module: ParsedModule, insertions: readonly Insertion[], sourceMap = false): Instrumented {
  const ordered = orderInsertions(insertions);
  const map = sourceMap ? composeMaps(insertionMap(module.code, ordered, { file: module.file, lines: 'all' }), module.tracer) : null;
  return { code: applyTextInsertions(module.code, ordered), insertions: ordered, map };
}
