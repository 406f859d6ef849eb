/**
 * What the runner's loaders (hooks.ts for ES modules, cjs.ts for CommonJS) need to know of
 * a file: whether it needs hotpath's TypeScript loader (compile.ts makes its JavaScript),
 * and whether Node runs it as an ES module or as CommonJS.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { blankMarkerDecorators } from '../capture/instrument/markers.js';
import { javaScriptOf, MARKER_DECORATORS_RUN, type ModuleFormat } from './compile.js';

export type { ModuleFormat };

export { isTypeScript } from './typescript-file.js';

/**
 * How Node loads a file, TypeScript counted as JavaScript: `.mjs`/`.mts` are ES modules,
 * `.cjs`/`.cts` CommonJS, and `.js`/`.ts`/`.jsx`/`.tsx` follow the nearest package.json's
 * `"type"` (CommonJS without one, as tsx runs them).
 */
export function moduleFormat(file: string): ModuleFormat {
  if (/\.m[jt]s$/.test(file)) return 'module';
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  return packageType(path.dirname(file));
}

/**
 * The JavaScript Node runs for the TypeScript or JSX file `file` loaded as `format`.
 * hotpath's own `@profile` decorators are left in for `hotpath lines --mode trace` to find
 * (capture/instrument/markers.ts) unless `blankMarkers`; under `hotpath mprof run` they run.
 */
export function loadTypeScript(file: string, format: ModuleFormat = moduleFormat(file), blankMarkers = false): string {
  const code = javaScriptOf(readFileSync(file, 'utf8'), file, format);
  return blankMarkers && !MARKER_DECORATORS_RUN && code.includes('hotpath') ? blankMarkerDecorators(code).code : code;
}

const packageTypes = new Map<string, ModuleFormat>();

function packageType(dir: string): ModuleFormat {
  const known = packageTypes.get(dir);
  if (known) return known;
  let type: ModuleFormat;
  try {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = json.type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = path.dirname(dir);
    type = parent === dir ? 'commonjs' : packageType(parent);
  }
  packageTypes.set(dir, type);
  return type;
}
