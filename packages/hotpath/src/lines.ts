/**
 * Marks for `hotpath lines` in code, line_profiler's `@profile` (the `hotpath/lines` subpath;
 * `lineProfile` is also exported by `hotpath`, whose `profile` is the cProfile-style API).
 *
 * ```ts
 * import { profile } from 'hotpath/lines';
 * class Simulator { @profile evolve(dt: number) { ... } }   // a TypeScript 5 decorator
 * const step = profile(function step(x: number) { ... });    // a plain function
 * ```
 *
 * They do nothing: each returns the function it is given, so a program run without hotpath
 * pays nothing for them. `hotpath lines` finds them statically, by the names they are
 * imported under, and measures those functions (and blanks the decorator, which Node 20 cannot
 * parse). Compiled code (tsc output) keeps the wrapper calls but not the decorators: there,
 * pick methods with `-f`.
 *
 * @packageDocumentation
 */

/** Marks a function or method for `hotpath lines`; returns it unchanged. */
export function profile<F extends (...args: never[]) => unknown>(fn: F, context?: ClassMethodDecoratorContext): F {
  void context;
  return fn;
}

/** {@link profile} under a name that does not clash with `hotpath`'s `profile()` API. */
export const lineProfile = profile;
