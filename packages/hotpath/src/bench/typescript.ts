/**
 * TypeScript for `hotpath timeit` and `hotpath bench`, through the runner's hooks
 * (src/runner/hooks.ts for ES modules, cjs.ts for CommonJS): `.ts` modules load with their
 * types blanked in place, and `./x.js` finds `./x.ts` from a TypeScript file, as TypeScript's
 * NodeNext resolution expects. One loader for every hotpath command, so a benchmark runs the
 * same code that `hotpath profile` profiles.
 */
import { register } from 'node:module';
import { installCommonJsHooks } from '../runner/cjs.js';
import type { LoaderData } from '../runner/config.js';
import { showErrorsAsWithoutHotpath } from '../runner/program-errors.js';

export { REGISTER_MODULE } from './register-url.js';

// A plain run: types blanked, nothing instrumented; a TypeScript program's errors as under tsx.
const PLAIN: LoaderData = { instrumentNodeModules: false, programMaps: true };

let registered = false;

/** Registers the TypeScript hooks in this process, once. */
export function registerTypeScript(): void {
  if (registered) return;
  register(new URL('../runner/hooks.js', import.meta.url), { data: PLAIN });
  installCommonJsHooks({ programMaps: PLAIN.programMaps });
  showErrorsAsWithoutHotpath({ programMaps: PLAIN.programMaps });
  registered = true;
}

export { isTypeScript } from '../runner/typescript.js';
