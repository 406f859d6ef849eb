/**
 * Module hooks for ES modules, registered by the preload with `module.register`; they run
 * on Node's loader thread. What they do:
 * - TypeScript and JSX: ES modules are loaded as compile.ts makes them (types blanked in
 *   place, or compiled with a source map); for CommonJS ones they only name the format and
 *   leave loading to the CommonJS loader (see cjs.ts), so `require`, `require.cache` and
 *   `module` behave as under `node`.
 * - Resolution, from TypeScript files, where Node's fails: what TypeScript finds
 *   (resolve.ts: `./x.js` for `./x.ts`, extensionless and directory imports, tsconfig
 *   `paths`); JSON imported without `with { type: 'json' }`.
 * - Instrumentation: the program's own modules go through the transform of the run's
 *   capture source (sources/index.ts), if it has one.
 * - Source maps: what Node runs carries a map back to what the user wrote, for the
 *   program's errors (node-maps.ts).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LoadHook, ResolveHook } from 'node:module';
import { isInstrumented, type LoaderData } from './config.js';
import { codeForNode } from './node-maps.js';
import { resolveAlternative } from './resolve.js';
import { PROGRAM_START_CALL, sourceNamed, type CaptureSource, type ModuleTransform, type ThreadContext } from './sources/index.js';
import { isTypeScript, loadTypeScript, moduleFormat } from './typescript.js';

let settings: LoaderData = { instrumentNodeModules: false, programMaps: true };
let source: CaptureSource | null = null;
let transform: ModuleTransform | null = null;

/** Receives the preload's settings (`module.register`'s `data`). */
export async function initialize(data: LoaderData | undefined): Promise<void> {
  if (data) settings = data;
  if (settings.source === undefined) return;
  source = sourceNamed(settings.source);
  transform = (await source.transform?.(settings as ThreadContext)) ?? null;
}

// What Node says of a specifier it cannot resolve that TypeScript may: a missing file, a
// directory, a `paths` alias that is no valid package name (`@lib`), a `#` one.
const UNRESOLVED = new Set(['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT', 'ERR_INVALID_MODULE_SPECIFIER', 'ERR_PACKAGE_IMPORT_NOT_DEFINED']);

export const resolve: ResolveHook = async (specifier, context, next) => {
  let resolved: Awaited<ReturnType<ResolveHook>>;
  try {
    resolved = await next(specifier, context);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : null;
    if (!parent || !UNRESOLVED.has(code ?? '')) throw error;
    const alternative = resolveAlternative(specifier, parent);
    if (alternative === null) throw error; // Node's error names what the program asked for
    resolved = { url: pathToFileURL(alternative).href, shortCircuit: true };
  }
  if (context.parentURL === undefined) entries.add(resolved.url);
  return withJsonType(resolved, context);
};

// The program's entry modules (no parent): a CommonJS one runs through the CommonJS loader.
const entries = new Set<string>();

// tsx (like bundlers) imports JSON from TypeScript without `with { type: 'json' }`, which
// Node requires; TypeScript files get the attribute they could not write.
function withJsonType(resolved: Awaited<ReturnType<ResolveHook>>, context: Parameters<ResolveHook>[1]): Awaited<ReturnType<ResolveHook>> {
  const fromTypeScript = context.parentURL?.startsWith('file:') && isTypeScript(fileURLToPath(context.parentURL));
  if (!fromTypeScript || !resolved.url.endsWith('.json') || context.importAttributes?.type) return resolved;
  return { ...resolved, importAttributes: { ...context.importAttributes, type: 'json' } };
}

export const load: LoadHook = async (url, context, next) => {
  if (!url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  if (isTypeScript(file)) {
    const format = moduleFormat(file);
    // No source: Node runs the entry through the real CommonJS loader (cjs.ts compiles it),
    // so `require.main`, `require.cache` and `module` are as under node.
    if (format === 'commonjs' && entries.has(url)) return { format, shortCircuit: true };
    // An ES module imports it: Node finds its named exports in the source given here (it
    // would read the .ts file itself, whose `export`s are no CommonJS exports).
    // Only a source that reads hotpath's `@profile` marks keeps them; the rest blank them out.
    return { format, source: forNode(loadTypeScript(file, format, source?.readsMarkers !== true), file, url, format), shortCircuit: true };
  }
  const result = await next(url, context);
  if (result.format === 'module' && result.source != null && transform) {
    return { ...result, source: forNode(String(result.source), file, url, 'module') };
  }
  return result;
};

/** The module's code as Node runs it: instrumented if it is the program's, with its map (node-maps.ts). */
function forNode(code: string, file: string, url: string, format: 'module' | 'commonjs'): string {
  const instrumented = transform !== null && isInstrumented(url, settings);
  const transformed = instrumented ? transform!(code, url, format) : null;
  // ES modules are strict already: a statement before their code changes no directive.
  const prefix = instrumented && format === 'module' && source?.marksProgramStart ? PROGRAM_START_CALL : '';
  return codeForNode({ file, given: code, transformed, prefix, programMaps: settings.programMaps });
}
