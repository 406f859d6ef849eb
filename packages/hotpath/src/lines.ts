import { appendFileSync } from 'node:fs';

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
 * pays nothing for them (under `hotpath mprof run` they time each call, for the plot's brackets). `hotpath lines` finds them statically, by the names they are
 * imported under, and measures those functions (and blanks the decorator, which Node 20 cannot
 * parse). Compiled code (tsc output) keeps the wrapper calls but not the decorators: there,
 * pick methods with `-f`.
 *
 * @packageDocumentation
 */

/**
 * Marks a function or method for `hotpath lines` and `hotpath memory`; returns it unchanged,
 * except under `hotpath mprof run`, where it records each call's entry and exit (memory and
 * time) for mprof's `FUNC` brackets. Works as a plain wrapper, a TypeScript 5 decorator and
 * a legacy (`experimentalDecorators`) method decorator.
 */
export function profile<F extends (...args: never[]) => unknown>(fn: F, context?: ClassMethodDecoratorContext | string | symbol, descriptor?: PropertyDescriptor): F {
  // A legacy decorator gets (prototype, name, descriptor) and may return a new descriptor.
  if (descriptor !== undefined && typeof descriptor.value === 'function') {
    return (BRACKETS === undefined ? descriptor : { ...descriptor, value: bracketed(descriptor.value, String(context)) }) as unknown as F;
  }
  if (BRACKETS === undefined || typeof fn !== 'function') return fn;
  return bracketed(fn, typeof context === 'object' ? String(context.name) : fn.name || '(anonymous)');
}
/** {@link profile} under a name that does not clash with `hotpath`'s `profile()` API. */
export const lineProfile = profile;

/** Where `hotpath mprof run` wants the brackets: one JSON line per call (`mprof/func-brackets.ts`). */
const BRACKETS = process.env.HOTPATH_MPROF_FUNCS;
const pending: string[] = [];
let depth = 0;
let flushesAtExit = false;

/** `fn`, recording each call's resident memory and time on entry and on exit (a promise's: when it settles). */
function bracketed<F extends (...args: never[]) => unknown>(fn: F, name: string): F {
  if (!flushesAtExit) process.once('exit', flush);
  flushesAtExit = true;
  const wrapped = function (this: unknown, ...args: never[]): unknown {
    const start = { mib: process.memoryUsage.rss() / 2 ** 20, time: Date.now() / 1000 };
    const level = depth++;
    const end = (): void => {
      depth--;
      pending.push(JSON.stringify({ name, start, end: { mib: process.memoryUsage.rss() / 2 ** 20, time: Date.now() / 1000 }, level }));
      if (pending.length >= 256) flush();
    };
    let result: unknown;
    try {
      result = fn.apply(this, args);
    } catch (error) {
      end();
      throw error;
    }
    if (result instanceof Promise) return result.finally(end);
    end();
    return result;
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped as unknown as F;
}

function flush(): void {
  if (pending.length === 0) return;
  appendFileSync(BRACKETS!, pending.join('\n') + '\n');
  pending.length = 0;
}
