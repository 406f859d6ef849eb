/**
 * hotpath's own code: this package's compiled src/, left out of profiles and never
 * instrumented, and the packages it depends on (acorn, typescript, ...), never instrumented
 * (the recorder cannot trace itself, and a parser instrumented by itself would count its
 * own work) but profiled where the program uses them too.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const OWN_DIR = new URL('../', import.meta.url).href;
let dependencyDirs: string[] | null = null;

/** Whether a script URL is hotpath's own code (the preload, the hooks, the captures). */
export function isOwnUrl(url: string): boolean {
  return url.startsWith(OWN_DIR);
}

/** Whether a script URL is hotpath's own code or one of the packages it depends on. */
export function isOwnOrDependencyUrl(url: string): boolean {
  return isOwnUrl(url) || isDependencyUrl(url);
}

/**
 * Whether a script URL (or path) is in one of the packages hotpath depends on: hotpath's work
 * where hotpath's code calls it, the program's where the program does.
 */
export function isDependencyUrl(url: string): boolean {
  dependencyDirs ??= ownDependencyDirs();
  const href = url.startsWith('/') ? pathToFileURL(url).href : url;
  return dependencyDirs.some((dir) => href.startsWith(dir));
}

/** The URLs (with a trailing `/`) of the packages hotpath depends on, transitively. */
export function ownDependencyDirs(): string[] {
  const found = new Map<string, string>();
  const visit = (from: string): void => {
    for (const name of dependenciesOf(from)) {
      if (found.has(name)) continue;
      const dir = locate(name, from);
      if (!dir) continue;
      found.set(name, pathToFileURL(dir).href + '/');
      visit(dir);
    }
  };
  visit(PACKAGE_DIR);
  return [...found.values()];
}

function dependenciesOf(dir: string): string[] {
  try {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    return Object.keys(json.dependencies ?? {});
  } catch {
    return [];
  }
}

// Node's lookup: node_modules/<name> in the package's directory or any directory above it.
function locate(name: string, from: string): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(candidate)) return realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}
