/**
 * Module hooks for ES modules, registered by the preload with `module.register`; they run
 * on Node's loader thread. What they do:
 * - TypeScript: `.ts`/`.mts` ES modules are loaded with their types blanked in place; for
 *   CommonJS TypeScript they only name the format and leave loading to the CommonJS loader
 *   (see cjs.ts), so `require`, `require.cache` and `module` behave as under `node`.
 * - Resolution: `./x.js` finds `./x.ts` when no `x.js` exists (TypeScript's NodeNext style).
 * - Instrumentation: the program's own modules go through trace mode's transform
 *   (trace-bridge.ts) or sample mode's call counters (count-bridge.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LoadHook, ResolveHook } from 'node:module';
import { isInstrumented, type LoaderData } from './config.js';
import { blankTypeScript, isTypeScript, moduleFormat } from './typescript.js';

let settings: LoaderData = { mode: 'sample', counts: 'none', instrumentNodeModules: false };
let transform: ((source: string, url: string, format: 'module' | 'commonjs') => string) | null = null;

/** Receives the preload's settings (`module.register`'s `data`). */
export async function initialize(data: LoaderData | undefined): Promise<void> {
  if (data) settings = data;
  if (settings.lineSample) {
    transform = (await import('../capture/lines-sample/child.js')).linesTransform(settings.lineSample, settings.idCounter!);
  } else if (settings.lineTrace) {
    transform = (await import('./lines-trace-bridge.js')).lineTraceTransform(settings.lineTrace, settings.idCounter!);
  } else if (settings.mode === 'trace') {
    transform = (await import('./trace-bridge.js')).loaderTransform(settings);
  } else if (settings.counts === 'instrument') {
    transform = (await import('./count-bridge.js')).countTransform(settings);
  }
}

export const resolve: ResolveHook = async (specifier, context, next) => {
  try {
    return await next(specifier, context);
  } catch (error) {
    const alternative = typeScriptAlternative(specifier, context.parentURL);
    if (alternative && (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      try {
        return await next(alternative, context);
      } catch {
        // fall through to the original error, which names what the program asked for
      }
    }
    throw error;
  }
};

function typeScriptAlternative(specifier: string, parentURL: string | undefined): string | null {
  const relative = specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('file:');
  const fromTypeScript = parentURL !== undefined && /\.[mc]?ts$/.test(parentURL);
  if (!relative || !fromTypeScript || !/\.[mc]?js$/.test(specifier)) return null;
  return specifier.replace(/\.([mc]?)js$/, '.$1ts');
}

export const load: LoadHook = async (url, context, next) => {
  if (!url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  if (isTypeScript(file)) {
    const format = moduleFormat(file);
    // No source: Node then runs the file through the real CommonJS loader (cjs.ts strips it).
    if (format === 'commonjs') return { format, shortCircuit: true };
    const code = blankTypeScript(readFileSync(file, 'utf8'), file);
    return { format, source: traced(code, url, format), shortCircuit: true };
  }
  const result = await next(url, context);
  if (result.format === 'module' && result.source != null && transform) {
    return { ...result, source: traced(String(result.source), url, 'module') };
  }
  return result;
};

function traced(code: string, url: string, format: 'module' | 'commonjs'): string {
  return transform && isInstrumented(url, settings) ? transform(code, url, format) : code;
}
