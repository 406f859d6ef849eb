// Small helpers over acorn's ESTree nodes, shared by the transforms that instrument code
// (call counters, the call tracer, the line tracers). acorn ships no walker with ancestors
// that visits every child generically, so each used to carry its own copy of these.
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
 * Visits every node below `root` (itself included) in source order, depth first, calling
 * `enter(node, ancestors)` with the chain of nodes above it (outermost first).
 */
export function walkWithAncestors(root: acorn.Node, enter: (node: acorn.Node, ancestors: readonly acorn.Node[]) => void): void {
  const ancestors: acorn.Node[] = [];
  const visit = (node: acorn.Node): void => {
    enter(node, ancestors);
    ancestors.push(node);
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((item) => isNode(item) && visit(item));
      else if (isNode(value)) visit(value);
    }
    ancestors.pop();
  };
  visit(root);
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
