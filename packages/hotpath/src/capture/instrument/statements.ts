// What a line hit is made of, for both line captures (../lines-sample/blocks.ts counts
// them with a counter per basic block, ../lines-trace/walker.ts with an event per line):
// which statements have a line of their own, and which parts of a compound statement hold
// more statements of the same function. One definition, so the two modes cannot drift;
// the control-flow corpus (test/fixtures/line-hits/control-flow.ts) holds them to it.
import type * as acorn from 'acorn';

type AnyNode = acorn.Node & Record<string, unknown>;

/** Loops: their header's line is hit once per iteration (the body was entered). */
export const LOOPS: ReadonlySet<string> = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

/**
 * Statements that run nothing where they stand, so their line is not hit: a nested function
 * declaration (hoisted; its body is its own function's) and an empty statement.
 */
export function hasNoLine(statement: acorn.Node): boolean {
  return statement.type === 'FunctionDeclaration' || statement.type === 'EmptyStatement';
}

/**
 * A part of a compound statement that holds statements: a `branch` is one statement or a
 * block in statement position (an if's arms, a loop's or with's body), a `list` a statement
 * list (a try's block, catch and finally, a switch case, a block). `follows` says whether
 * it runs straight after the compound statement's own line (an if's arms, a try's block)
 * or after a jump (a catch, a finally, a case).
 */
export type StatementPart = { kind: 'branch'; node: acorn.Node; follows: boolean } | { kind: 'list'; statements: acorn.Node[]; openAt: number; follows: boolean };

/**
 * The parts of `statement` holding statements of the same function, in source order (none
 * for a simple statement: the functions in its expressions are their own). A labelled
 * statement is its body's parts; a loop's body is one branch.
 */
export function partsOf(statement: acorn.Node): StatementPart[] {
  const st = statement as AnyNode;
  if (LOOPS.has(st.type)) return [{ kind: 'branch', node: st.body as acorn.Node, follows: true }];
  const list = (block: AnyNode, follows: boolean): StatementPart => ({ kind: 'list', statements: block.body as acorn.Node[], openAt: block.start + 1, follows });
  switch (st.type) {
    case 'IfStatement': {
      const arms = [st.consequent, st.alternate].filter((arm): arm is acorn.Node => arm !== null && arm !== undefined);
      return arms.map((node) => ({ kind: 'branch', node, follows: true }));
    }
    case 'WithStatement':
      return [{ kind: 'branch', node: st.body as acorn.Node, follows: true }];
    case 'BlockStatement':
      return [list(st, true)];
    case 'LabeledStatement':
      return partsOf(st.body as acorn.Node);
    case 'TryStatement': {
      const handler = st.handler as AnyNode | null;
      const parts = [list(st.block as AnyNode, true)];
      if (handler) parts.push(list(handler.body as AnyNode, false));
      if (st.finalizer) parts.push(list(st.finalizer as AnyNode, false));
      return parts;
    }
    case 'SwitchStatement':
      return (st.cases as AnyNode[]).map((c) => ({ kind: 'list', statements: c.consequent as acorn.Node[], openAt: c.end, follows: false }));
    default:
      return [];
  }
}
