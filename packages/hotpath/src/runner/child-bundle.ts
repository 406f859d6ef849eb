/**
 * Which preload a profiled program gets: the bundled one (scripts/bundle.mjs, made by
 * `npm run build`: a few files instead of ~40 ES modules, about 75 ms less start-up) while it
 * is as new as every file it was made from, else runner/preload.js itself. So a build with
 * `tsc -b` alone, after an edit, runs the edited code, only slower.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUNDLE_DIR = fileURLToPath(new URL('../.bundle/child/', import.meta.url));

/** The URL of the preload to run: the bundle where it is fresh. */
export function preloadUrl(): string {
  return new URL(bundleIsFresh() ? '../.bundle/child/preload.js' : './preload.js', import.meta.url).href;
}

function bundleIsFresh(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(BUNDLE_DIR, 'manifest.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    return manifest.inputs.every((input) => statSync(path.resolve(BUNDLE_DIR, input)).mtimeMs <= manifest.builtAt);
  } catch {
    return false; // no bundle (or an input gone): the modules themselves
  }
}
