/**
 * CommonJS support, installed on the program's main thread: Node 20's `module.register`
 * hooks do not see `require()`, so TypeScript and JSX files are compiled through
 * `Module._extensions` (the documented-deprecated but universal `require.extensions`),
 * which keeps `require`, `module`, `require.cache` and stack traces as under `node`.
 * Registering the extensions is also what makes `require('./x')` and `require('./dir')`
 * find `x.ts` and `dir/index.ts`: Node's CommonJS resolver tries every registered extension.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { codeForNode } from './node-maps.js';
import { resolveAlternative } from './resolve.js';
import type { Transformed } from './sources/source.js';
import { isTypeScript, loadTypeScript, moduleFormat } from './typescript.js';

interface CjsModule {
  /** With `'module'`, Node 20.19+ runs the code as the ES module that require() loads. */
  _compile(code: string, filename: string, format?: 'module'): void;
}
type Extension = (module: CjsModule, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, Extension>;
  _resolveFilename(request: string, parent: { filename?: string | null } | undefined, ...rest: unknown[]): string;
}

const Module = createRequire(import.meta.url)('node:module') as ModuleInternals;

/**
 * Rewrites the code of a file that require() loads before it runs (a capture's transform):
 * a CommonJS file, or an ES module that require() loads itself (Node 20.19+ `require(esm)`).
 */
export type CjsTransform = (code: string, filename: string, format: 'module' | 'commonjs') => Transformed | null;

/** What {@link installCommonJsHooks} does besides compiling TypeScript. */
export interface CommonJsOptions {
  /** Whether a JavaScript file's own source map counts for its errors (node-maps.ts). */
  programMaps: boolean;
  /** The capture's transform, and which files it rewrites. */
  transform?: { apply: CjsTransform; traces: (filename: string) => boolean };
}

/** The extensions hotpath's loader compiles (Node 20 itself knows only .js, .json, .node). */
const COMPILED = ['.ts', '.cts', '.tsx', '.jsx'];

/**
 * The TypeScript files of ES module packages that this thread ran as CommonJS, because they
 * were reached through require(): their JavaScript is not what their package type gives, so
 * the sample profile must read their source maps from the CommonJS output (SourceMapper).
 */
export const requiredAsCommonJs = new Set<string>();

/**
 * Teaches `require` TypeScript and JSX, and `require('./x.js')` from TypeScript to find
 * `./x.ts`, and tsconfig `paths`. With a transform, the program's own CommonJS files are
 * also rewritten by it. What Node runs carries its source map (node-maps.ts).
 */
export function installCommonJsHooks({ programMaps, transform }: CommonJsOptions): void {
  const javaScript = Module._extensions['.js']!;
  const forNode = (file: string, given: string, transformed: Transformed | null): string => codeForNode({ file, given, transformed, prefix: '', programMaps });
  // Whatever its package's "type", a file reached through require() runs as CommonJS (its
  // import/export compiled to require/exports), as tsx runs it: Node's own require(esm)
  // would read the .ts file without the module hooks.
  const compile: Extension = (module, filename) => {
    if (moduleFormat(filename) !== 'commonjs') requiredAsCommonJs.add(filename);
    // The line tracer blanks hotpath's `@profile` itself, to measure what it marks.
    const traced = transform?.traces(filename) ?? false;
    const code = loadTypeScript(filename, 'commonjs', !traced);
    module._compile(forNode(filename, code, traced ? transform!.apply(code, filename, 'commonjs') : null), filename);
  };
  for (const extension of COMPILED) Module._extensions[extension] = compile;
  // Only what exists: there is no '.cjs' entry, Node runs .cjs files through the '.js' one.
  if (transform) wrapJavaScript(javaScript, transform, forNode);
  resolveLikeTypeScript();
}

function wrapJavaScript(
  original: Extension,
  { apply, traces }: NonNullable<CommonJsOptions['transform']>,
  forNode: (file: string, given: string, transformed: Transformed | null) => string,
): void {
  Module._extensions['.js'] = (module, filename) => {
    if (!traces(filename) || isTypeScript(filename)) return original(module, filename);
    const code = readFileSync(filename, 'utf8');
    if (moduleFormat(filename) === 'commonjs') return module._compile(forNode(filename, code, apply(code, filename, 'commonjs')), filename);
    if (!(process.features as { require_module?: boolean }).require_module) return original(module, filename);
    // An ES module that require() loads (a worker pool's task file): Node 20.19+ compiles it
    // itself, past the module.register hooks, so it is instrumented here; what it imports
    // is loaded the same synchronous way and stays as it is.
    module._compile(forNode(filename, code, apply(code, filename, 'module')), filename, 'module');
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
