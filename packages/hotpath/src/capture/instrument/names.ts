// Function names as a user reads them, derived from where the function stands in the source:
// `factorial`, `ParticleSimulator.evolve`, `ParticleSimulator.get speed`, `counter.inc`,
// `(anonymous)`. The conventions follow V8's stack traces (`Class.method`, `Class.get x`)
// so names read the same here as in an error's stack; nested functions keep their own
// short name, as cProfile and V8 do.
import type * as acorn from 'acorn';

/** Name given to functions with nothing to name them after; the frame's position tells them apart. */
export const ANONYMOUS = '(anonymous)';

/** Longest source text used as a name (`Foo.prototype.bar`, `[Symbol.iterator]`). */
const MAX_TEXT = 60;

/**
 * The name of a function node, from its own identifier or, for anonymous ones, from the
 * binding, property, method or class it is assigned to.
 *
 * @param ancestors - the function's ancestors, nearest last (the parent is `ancestors.at(-1)`).
 * @param source - the parsed source, for member expressions and computed keys.
 */
export function functionName(fn: acorn.Function, ancestors: readonly acorn.Node[], source: string): string {
  const parent = ancestors.at(-1);
  if (parent?.type === 'MethodDefinition') {
    return methodName(parent as acorn.MethodDefinition, ancestors, source);
  }
  if (parent?.type === 'Property' && (parent as acorn.Property).value === fn) {
    return propertyName(parent as acorn.Property, ancestors, source);
  }
  if (parent?.type === 'PropertyDefinition') {
    const field = parent as acorn.PropertyDefinition;
    const owner = className(ancestors.at(-3), ancestors.slice(0, -3), source);
    return `${owner}.${keyName(field.key, field.computed, source)}`;
  }
  if (fn.id) return fn.id.name;
  return bindingName(fn, ancestors, source) ?? ANONYMOUS;
}

function methodName(method: acorn.MethodDefinition, ancestors: readonly acorn.Node[], source: string): string {
  // ancestors: ..., Class, ClassBody, MethodDefinition
  const owner = className(ancestors.at(-3), ancestors.slice(0, -3), source);
  const key = method.kind === 'constructor' ? 'constructor' : keyName(method.key, method.computed, source);
  const prefix = method.kind === 'get' || method.kind === 'set' ? `${method.kind} ` : '';
  return `${owner}.${prefix}${key}`;
}

function propertyName(prop: acorn.Property, ancestors: readonly acorn.Node[], source: string): string {
  const key = keyName(prop.key, prop.computed, source);
  const prefix = prop.kind === 'get' || prop.kind === 'set' ? `${prop.kind} ` : '';
  // ancestors: ..., ObjectExpression, Property: name the object by what it is bound to.
  const object = ancestors.at(-2);
  const owner = object ? bindingName(object, ancestors.slice(0, -2), source) : undefined;
  return owner ? `${owner}.${prefix}${key}` : `${prefix}${key}`;
}

/** Name of a class node: its identifier, else the binding it is assigned to, else `(anonymous class)`. */
export function className(cls: acorn.Node | undefined, ancestors: readonly acorn.Node[], source: string): string {
  const id = (cls as acorn.Class | undefined)?.id;
  if (id) return id.name;
  return (cls && bindingName(cls, ancestors, source)) ?? '(anonymous class)';
}

/**
 * The name an anonymous function or class expression gets from its context:
 * `const f = ...`, `f = ...`, `obj.f = ...`, `{ f: ... }`, `(f = ...) =>` defaults, `export default`.
 */
function bindingName(node: acorn.Node, ancestors: readonly acorn.Node[], source: string): string | undefined {
  let parent = ancestors.at(-1);
  let depth = 1;
  // Parentheses around the function do not change what it is bound to.
  while (parent?.type === 'ParenthesizedExpression') parent = ancestors.at(-++depth);
  switch (parent?.type) {
    case 'VariableDeclarator':
      return patternName((parent as acorn.VariableDeclarator).id, source);
    case 'AssignmentExpression':
    case 'AssignmentPattern':
      return patternName((parent as acorn.AssignmentExpression).left, source);
    case 'Property':
      return keyName((parent as acorn.Property).key, (parent as acorn.Property).computed, source);
    case 'ExportDefaultDeclaration':
      return 'default';
    default:
      return undefined;
  }
}

function patternName(target: acorn.Node, source: string): string | undefined {
  if (target.type === 'Identifier') return (target as acorn.Identifier).name;
  if (target.type === 'MemberExpression') return shortText(source, target);
  return undefined;
}

/** A property or method key as written: `evolve`, `#step`, `'x-y'`, `[Symbol.iterator]`. */
export function keyName(key: acorn.Node, computed: boolean, source: string): string {
  if (computed) return `[${shortText(source, key) ?? '…'}]`;
  if (key.type === 'Identifier') return (key as acorn.Identifier).name;
  if (key.type === 'PrivateIdentifier') return `#${(key as acorn.PrivateIdentifier).name}`;
  if (key.type === 'Literal') return String((key as acorn.Literal).value);
  return shortText(source, key) ?? '…';
}

function shortText(source: string, node: acorn.Node): string | undefined {
  const text = source.slice(node.start, node.end).replace(/\s+/g, '');
  return text.length <= MAX_TEXT ? text : undefined;
}
