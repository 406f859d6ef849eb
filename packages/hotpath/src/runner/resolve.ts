/**
 * What TypeScript finds where Node does not: the specifiers TypeScript (and tsx) accept in
 * a TypeScript or JSX file that Node's own resolution refuses. Asked only after Node's
 * resolution failed, so everything Node resolves keeps Node's answer:
 * - `./x.js` that is `./x.ts` on disk (NodeNext style);
 * - extensionless and directory imports, `'../sorts/quick_sort'`, `'./lib'` -> `./lib/index.ts`;
 * - tsconfig `paths` and `baseUrl`.
 * Resolution is TypeScript's own (`ts.resolveModuleName`, bundler style, with the file's
 * tsconfig `paths`/`baseUrl`), so the answer is the file the user's editor and tsc see.
 */
import * as path from 'node:path';
import { emitSettings } from './tsconfig.js';
import { isTypeScript } from './typescript.js';
import { typescriptCompiler } from './typescript-api.js';

/** The file `specifier` names from `parentFile` as TypeScript resolves it; `null` where none is runnable. */
export function resolveAlternative(specifier: string, parentFile: string): string | null {
  if (!isTypeScript(parentFile)) return null;
  const relative = specifier.startsWith('./') || specifier.startsWith('../') || path.isAbsolute(specifier);
  const settings = emitSettings(path.dirname(parentFile));
  if (!relative && settings.paths === undefined && settings.baseUrl === undefined) return null;
  const ts = typescriptCompiler();
  const options: import('typescript').CompilerOptions = {
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    allowJs: true,
    resolveJsonModule: true,
    allowImportingTsExtensions: true,
    ...(settings.baseUrl !== undefined && { baseUrl: settings.baseUrl }),
    ...(settings.paths !== undefined && { paths: settings.paths }),
    ...(settings.pathsBasePath !== undefined && { pathsBasePath: settings.pathsBasePath }),
  };
  const found = ts.resolveModuleName(specifier, parentFile, options, ts.sys).resolvedModule;
  // A declaration file has nothing to run: Node's error stays the answer.
  if (!found || /\.d\.[mc]?ts$/.test(found.resolvedFileName)) return null;
  return found.resolvedFileName;
}
