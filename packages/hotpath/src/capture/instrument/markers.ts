// Functions marked in code for `hotpath lines`: methods decorated with hotpath's `@profile`
// and functions passed to its `profile(fn)` / `lineProfile(fn)` wrapper (src/lines.ts).
// Marks are found statically, by the names the file imports them under, so the program
// run without hotpath pays nothing for them.
//
// Decorators: Node 20's V8 has no decorator syntax and ts-blank-space keeps decorators as
// they are, so a file with `@profile` cannot run as blanked. hotpath's decorator only
// returns the method, so the transform blanks it (spaces, positions kept) and measures the
// method instead. A file that needs TypeScript's compiler (runner/compile.ts) has its
// `@profile` turned into a comment first (COMMENT), which tsc keeps before the method.
import type * as acorn from 'acorn';

/** What the markers of one file are: the names they go by, and the decorated methods. */
export interface Markers {
  /** Local names of the wrapper and decorator (`profile`, `lp`, `hp.profile`). */
  names: Set<string>;
  /** Offsets where a method decorated with hotpath's decorator starts (after blanking). */
  decorated: Set<number>;
}

const IMPORT = /import\s*(?:\{([^}]*)\}|\*\s*as\s+([\w$]+))\s*from\s*(['"])hotpath(\/lines)?\3/g;

/** The names under which the file imports hotpath's line markers. */
export function markerNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const match of code.matchAll(IMPORT)) {
    const exported = match[4] ? ['profile', 'lineProfile'] : ['lineProfile'];
    if (match[2]) exported.forEach((name) => names.add(`${match[2]}.${name}`));
    for (const part of (match[1] ?? '').split(',')) {
      const [imported, local] = part.trim().split(/\s+as\s+/);
      if (imported && exported.includes(imported)) names.add(local ?? imported);
    }
  }
  return names;
}

// What a decorator of hotpath's becomes in code that TypeScript's compiler has to lower.
const COMMENT = '/*@hotpath*/';

/** `code` with hotpath's decorators (`@profile`) turned into {@link COMMENT} comments, which compilers keep before the method. */
export function commentMarkerDecorators(code: string): string {
  let result = code;
  for (const name of markerNames(code)) result = result.replace(decoratorPattern(`@${name}`), (_whole, before: string) => `${before}${COMMENT}`);
  return result;
}

function decoratorPattern(text: string): RegExp {
  return new RegExp(`(^|[\\s{;}])${text.replace(/[.$*/]/g, '\\$&')}(?=\\s)`, 'g');
}

/** Blanks hotpath's decorators (or their comments) out of `code`; returns the code and where the decorated methods start. */
export function blankMarkerDecorators(code: string): { code: string; markers: Markers } {
  const names = markerNames(code);
  const blanked: number[] = [];
  let result = code;
  for (const text of [...[...names].map((name) => `@${name}`), COMMENT]) {
    result = result.replace(decoratorPattern(text), (whole: string, before: string, offset: number) => {
      blanked.push(offset + whole.length); // where the decorator ends
      return before + ' '.repeat(whole.length - before.length);
    });
  }
  const decorated = new Set(blanked.map((end) => nextToken(result, end)));
  return { code: result, markers: { names, decorated } };
}

function nextToken(code: string, from: number): number {
  let at = from;
  while (at < code.length && /\s/.test(code[at]!)) at++;
  return at;
}

/** The function a marker call wraps: `profile(function ...)`, `profile(() => ...)`, or `profile(name)`. */
export function wrappedFunction(call: acorn.CallExpression, source: string, names: Set<string>): acorn.Node | string | null {
  const callee = source.slice(call.callee.start, call.callee.end).replace(/\s+/g, '');
  if (!names.has(callee) || call.arguments.length !== 1) return null;
  let argument: acorn.Node = call.arguments[0]!;
  while (argument.type === 'ParenthesizedExpression') argument = (argument as acorn.ParenthesizedExpression).expression;
  if (argument.type === 'FunctionExpression' || argument.type === 'ArrowFunctionExpression') return argument;
  return argument.type === 'Identifier' ? (argument as acorn.Identifier).name : null;
}
