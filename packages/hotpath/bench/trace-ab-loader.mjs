// Module hooks for the side-by-side benchmark (trace-ab.mjs): a module imported with
// `?traced` is loaded instrumented, and so is everything it imports (relative imports and
// packages alike get `?traced` too), while the same files imported without it load as they
// are. Two copies of one program in one process: one plain, one traced.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLoaderTransform } from '../dist/src/capture/trace/loader.js';

const TAG = '?traced';
const transform = createLoaderTransform();

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const traced = context.parentURL?.endsWith(TAG) && resolved.url.startsWith('file:');
  return traced && !resolved.url.endsWith(TAG) ? { ...resolved, url: resolved.url + TAG } : resolved;
}

export async function load(url, context, next) {
  if (!url.endsWith(TAG)) return next(url, context);
  const file = fileURLToPath(url.slice(0, -TAG.length));
  const code = transform(readFileSync(file, 'utf8'), file, 'module');
  return { format: 'module', source: code, shortCircuit: true };
}
