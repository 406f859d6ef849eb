// The last step of the instrumenting pipeline: the planners' insertions, ordered and
// applied. Every capture only ever inserts text (never removes or moves any), always on the
// line of the position it is anchored to, so line numbers of the instrumented code equal the
// original's and only columns shift (the source map, made from the insertions by
// ../edit-map.ts, tells by how much).
import { applyTextInsertions, type TextInsertion } from '../edit-map.js';
import type { ParsedModule } from './module.js';

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

/** An instrumented module: its code and the text inserted (output order). */
export interface Instrumented {
  code: string;
  insertions: TextInsertion[];
}

/**
 * Applies the planned insertions to the module's code. The runner makes the module's map from
 * the insertions (runner/node-maps.ts); direct callers that want one use ./compose.ts.
 */
export function applyInsertions(module: ParsedModule, insertions: readonly Insertion[]): Instrumented {
  const ordered = orderInsertions(insertions);
  return { code: applyTextInsertions(module.code, ordered), insertions: ordered };
}
