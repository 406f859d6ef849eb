/**
 * CommonJS support, installed on the program's main thread: Node 20's `module.register`
 * hooks do not see `require()`, so TypeScript and JSX files are compiled through
 * `Module._extensions` (the documented-deprecated but universal `require.extensions`),
 * which keeps `require`, `module`, `require.cache` and stack traces exactly as under `node`.
 * Registering the extensions is also what makes `require('./x')` and `require('./dir')`
 * find `x.ts` and `dir/index.ts`: Node's CommonJS resolver tries every registered extension.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolveAlternative } from './resolve.js';
import { isTypeScript, loadTypeScript, moduleFormat } from './typescript.js';

interface CjsModule {
  _compile(code: string, filename: string): void;
}
type Extension = (module: CjsModule, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Extension>;
  _resolveFilename(request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]): string;
}

const Module = createRequire(import.meta.url)('node:module') as ModuleInternals;

/** Rewrites the code of a CommonJS file before it runs (trace mode's transform). */
export type CjsTransform = (code: string, filename: string) => string;

/** The extensions hotpath's loader compiles (Node 20 itself knows only .js, .json, .node). */
const COMPILED = ['.ts', '.cts', '.tsx', '.jsx'];

/**
 * Teaches `require` TypeScript and JSX, and `require('./x.js')` from TypeScript to find
 * `./x.ts`, and tsconfig `paths`. With `transform`, the program's own CommonJS files are
 * also rewritten by it (trace mode).
 */
export function installCommonJsHooks(transform?: { apply: CjsTransform; traces: (filename: string) => boolean }): void {
  const javaScript = Module._extensions['.js']!;
  // Whatever its package's "type", a file reached through require() runs as CommonJS (its
  // import/export compiled to require/exports), as tsx runs it: Node's own require(esm)
  // would read the .ts file without the module hooks.
  const compile: Extension = (module, filename) => {
    // The line tracer blanks hotpath's `@profile` itself, to measure what it marks.
    const traced = transform?.traces(filename) ?? false;
    const code = loadTypeScript(filename, 'commonjs', !traced);
    module._compile(traced ? transform!.apply(code, filename) : code, filename);
  };
  for (const extension of COMPILED) Module._extensions[extension] = compile;
  // Only what exists: there is no '.cjs' entry, Node runs .cjs files through the '.js' one.
  if (transform) wrapJavaScript(javaScript, transform.apply, transform.traces);
  resolveLikeTypeScript();
}

function wrapJavaScript(original: Extension, apply: CjsTransform, traces: (filename: string) => boolean): void {
  Module._extensions['.js'] = (module, filename) => {
    // ES modules reached through require() keep Node's own handling.
    if (!traces(filename) || isTypeScript(filename) || moduleFormat(filename) !== 'commonjs') return original(module, filename);
    module._compile(apply(readFileSync(filename, 'utf8'), filename), filename);
  };
}

function resolveLikeTypeScript(): void {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND' || !parent?.filename) throw error;
      const alternative = resolveAlternative(request, parent.filename);
      if (alternative === null) throw error;
      return alternative;
    }
  };
}
