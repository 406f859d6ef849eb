/**
 * CommonJS support, installed on the program's main thread: Node 20's `module.register`
 * hooks do not see `require()`, so `.ts`/`.cts` files are compiled through
 * `Module._extensions` (the documented-deprecated but universal `require.extensions`),
 * which keeps `require`, `module`, `require.cache` and stack traces exactly as under `node`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { blankTypeScript, moduleFormat } from './typescript.js';

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

/**
 * Teaches `require` TypeScript: `.ts` and `.cts` files have their types blanked, and
 * `require('./x.js')` from TypeScript finds `./x.ts`. With `transform`, the program's
 * own `.js`/`.cjs`/`.ts` CommonJS files are also rewritten by it (trace mode).
 */
export function installCommonJsHooks(transform?: { apply: CjsTransform; traces: (filename: string) => boolean }): void {
  const rewrite = (code: string, filename: string): string =>
    transform?.traces(filename) ? transform.apply(code, filename) : code;
  const compileTypeScript: Extension = (module, filename) => {
    module._compile(rewrite(blankTypeScript(readFileSync(filename, 'utf8'), filename), filename), filename);
  };
  Module._extensions['.ts'] = compileTypeScript;
  Module._extensions['.cts'] = compileTypeScript;
  if (transform) {
    for (const extension of ['.js', '.cjs']) wrapJavaScript(extension, transform.apply, transform.traces);
  }
  resolveTypeScriptFromJs();
}

function wrapJavaScript(extension: string, apply: CjsTransform, traces: (filename: string) => boolean): void {
  const original = Module._extensions[extension]!;
  Module._extensions[extension] = (module, filename) => {
    // ES modules reached through require() keep Node's own handling.
    const commonJs = extension === '.cjs' || moduleFormat(filename) === 'commonjs';
    if (!traces(filename) || !commonJs) return original(module, filename);
    module._compile(apply(readFileSync(filename, 'utf8'), filename), filename);
  };
}

function resolveTypeScriptFromJs(): void {
  const original = Module._resolveFilename;
  Module._resolveFilename = function (request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      const fromTypeScript = /\.[mc]?ts$/.test(parent?.filename ?? '');
      const relative = request.startsWith('./') || request.startsWith('../') || path.isAbsolute(request);
      if (!fromTypeScript || !relative || !/\.[mc]?js$/.test(request)) throw error;
      try {
        return original.call(this, request.replace(/\.([mc]?)js$/, '.$1ts'), parent, ...rest);
      } catch {
        throw error;
      }
    }
  };
}
