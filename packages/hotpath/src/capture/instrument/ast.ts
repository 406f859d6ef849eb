// Small helpers over acorn's ESTree nodes, for the instrumenting pipeline (./module.ts) and
// the other readers of JavaScript (dis, the TypeScript compile step). acorn ships no walker
// with ancestors that visits every child generically.
import type * as acorn from 'acorn';

/** Whether `value` is a syntax-tree node (an object with a string `type`). */
export function isNode(value: unknown): value is acorn.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Whether `node` is a function of any form: declaration, expression or arrow. */
export function isFunction(node: acorn.Node): node is acorn.Function {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/**
 * What a walk calls at each node: `enter` before its children, `leave` after them, with the
 * chain of nodes above it (outermost first). `found` is what the walk's owner knows of the
 * node (the pipeline passes a function's description, ./module.ts).
 */
export interface WalkVisitor<Found = never> {
  enter(node: acorn.Node, ancestors: readonly acorn.Node[], found?: Found): void;
  leave?(node: acorn.Node, ancestors: readonly acorn.Node[]): void;
}

/**
 * Visits every node below `root` (itself included) in source order, depth first: a
 * function is `enter`, or a {@link WalkVisitor}.
 */
export function walkWithAncestors(root: acorn.Node, visit: WalkVisitor<unknown> | WalkVisitor<unknown>['enter']): void {
  const { enter, leave } = typeof visit === 'function' ? { enter: visit, leave: undefined } : visit;
  const ancestors: acorn.Node[] = [];
  const walk = (node: acorn.Node): void => {
    enter(node, ancestors);
    ancestors.push(node);
    for (const value of Object.values(node)) {
      // forEach, not a loop: a loop over the items inside this recursive function made the
      // whole walk twice as slow in Node 20 (241 against 120 ms on the TypeScript compiler's
      // 6 MB; bench/instrument-speed.mjs --dist of a build with the loop shows it).
      if (Array.isArray(value)) value.forEach((item) => isNode(item) && walk(item));
      else if (isNode(value)) walk(value);
    }
    ancestors.pop();
    leave?.(node, ancestors);
  };
  walk(root);
}

/** Whether `fn` is the function of a class or object-literal method, getter or setter. */
export function isMethodOf(parent: acorn.Node | undefined, fn: acorn.Function): boolean {
  if (parent?.type === 'MethodDefinition') return true;
  if (parent?.type !== 'Property') return false;
  const property = parent as acorn.Property;
  return property.value === fn && (property.method || property.kind !== 'init');
}

/**
 * The node whose start is a function's position as its user reads it, the same in every
 * mode: a method, getter or setter starts at its definition (`evolve(dt) {`, `get x() {`,
 * `static of() {`), not at the `(` where V8 and acorn start its function.
 */
export function positionNode(fn: acorn.Function, parent: acorn.Node | undefined): acorn.Node {
  return isMethodOf(parent, fn) ? parent! : fn;
}

/**
 * How many statements at the head of a body or program are its directive prologue
 * (`'use strict'`, `''` too): directives, not statements that run.
 */
export function prologueLength(statements: readonly acorn.Node[]): number {
  let length = 0;
  while (length < statements.length && typeof (statements[length] as Partial<acorn.ExpressionStatement>).directive === 'string') length++;
  return length;
}

/**
 * Where code may be inserted at the start of a body or program: after its directive
 * prologue ('use strict' must stay first to count), else at `fallback`. `separator` is the
 * `;` needed after a directive written without one.
 */
export function afterDirectives(source: string, statements: readonly acorn.Node[], fallback: number): { pos: number; separator: string } {
  const length = prologueLength(statements);
  if (length === 0) return { pos: fallback, separator: '' };
  const last = statements[length - 1]!;
  return { pos: last.end, separator: source[last.end - 1] === ';' ? '' : ';' };
}
