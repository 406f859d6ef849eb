/**
 * Which preload a profiled program gets: the bundled one (scripts/bundle.mjs, made by
 * `npm run build`: one file instead of ~40 ES modules, about 75 ms less start-up) while it
 * is as new as every file it was made from, else runner/preload.js itself. So a build with
 * `tsc -b` alone, after an edit, runs the edited code, only slower.
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER_DIR = fileURLToPath(new URL('.', import.meta.url));

/** The URL of the preload to run: the bundle where it is fresh. */
export function preloadUrl(): string {
  return new URL(bundleIsFresh() ? './preload.bundle.js' : './preload.js', import.meta.url).href;
}

function bundleIsFresh(): boolean {
  try {
    const manifest = JSON.parse(readFileSync(path.join(RUNNER_DIR, 'child-bundle.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    return manifest.inputs.every((input) => statSync(path.resolve(RUNNER_DIR, input)).mtimeMs <= manifest.builtAt);
  } catch {
    return false; // no bundle (or an input gone): the modules themselves
  }
}
