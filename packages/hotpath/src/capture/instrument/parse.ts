// The one parse of the instrumenting pipeline: every capture that rewrites modules (call
// counters, the call tracer, both line captures) reads the code through this, so a file
// that parses for one parses for all, with the same nodes at the same offsets.
import * as acorn from 'acorn';

/**
 * Parses a module or script. Parentheses are kept as nodes (`() => (a, b)` is wrapped
 * outside them, never inside); a hashbang and CommonJS's top-level `return` are allowed.
 * Locations are off: they cost a third more parse time on large files (the TypeScript
 * compiler's 6 MB), and positions come from offsets through one `LineIndex` instead.
 * @throws SyntaxError where the code does not parse.
 */
export function parseProgram(code: string, sourceType: 'module' | 'script'): acorn.Program {
  return acorn.parse(code, {
    ecmaVersion: 'latest',
    sourceType,
    preserveParens: true,
    allowHashBang: true,
    allowReturnOutsideFunction: sourceType === 'script',
  });
}
