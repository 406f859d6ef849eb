// Insertions into the source. The transform only ever inserts text (never removes or moves
// any), always on the line of the position it is anchored to, so line numbers of the
// instrumented code equal the original's and only columns shift (the source map, made from
// the insertions by ../edit-map.ts, tells by how much).
import type { TextInsertion } from '../edit-map.js';

/** One piece of text to insert at an offset of the original source. */
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

/** `insertions` in output order: one that keeps nested constructs nested. */
export function orderInsertions(insertions: readonly Insertion[]): TextInsertion[] {
  return [...insertions].sort(compare).map(({ pos, text }) => ({ at: pos, text }));
}
