/**
 * What the `hotpath profile` process tells the profiled program's process: the settings
 * travel in one environment variable, which the preload reads and removes so the program
 * sees the environment it would have under `node`.
 */
import type { ThreadContext } from './sources/source.js';
import { isOwnOrDependencyUrl, isOwnUrl } from './own-code.js';

/** The environment variable carrying {@link ChildConfig} as JSON. */
export const CONFIG_ENV = 'HOTPATH_PROFILE_CAPTURE';

/** A capture mode of the runner's API: how time is measured. */
export type CaptureMode = 'sample' | 'trace';

export type { CountMethod } from './sources/sample.js';

/** Settings of the profiled process. */
export interface ChildConfig {
  /** The capture source (sources/index.ts) and its settings. */
  source: string;
  settings: unknown;
  /** Flags the source gave node (sources/source.ts `nodeFlags`): taken out of `process.execArgv`. */
  nodeFlags: string[];
  /** Where the process writes its capture (atomically) when it ends. */
  output: string;
  /** Instrument node_modules too (trace mode, and sample mode's counters). */
  instrumentNodeModules: boolean;
  /** The node_modules package the script is in (`hotpath profile tsc`), as a URL ending in `/`: instrumented as the program. */
  programPackage?: string;
  /** The pipe on which `hotpath profile` asks the program to stop (stop-listener.ts), if any. */
  stopFd?: number;
  /**
   * Profile the Node processes the program starts too (`--include-children`): each writes
   * its capture beside {@link ChildConfig.output} (children.ts).
   */
  includeChildren?: boolean;
  /** Set in the settings a child process inherits: this process is not the program's first. */
  descendant?: boolean;
  /**
   * Set by each process's main thread for itself and its workers: whether the program's own
   * source maps count for its errors (its script is TypeScript: see program-errors.ts).
   */
  programMaps?: boolean;
}

/**
 * Settings of the module hooks (`module.register`'s `data`), shared with the main thread:
 * the thread's source and its settings; no source, nothing is instrumented (a plain
 * TypeScript run: `hotpath timeit`, `bench`).
 */
export type LoaderData = Partial<ThreadContext> & Pick<ThreadContext, 'instrumentNodeModules' | 'programMaps'>;

/** Reads the settings and removes them from the environment; `null` when not profiled. */
export function takeChildConfig(env: NodeJS.ProcessEnv = process.env): ChildConfig | null {
  const text = env[CONFIG_ENV];
  if (text === undefined) return null;
  delete env[CONFIG_ENV];
  return JSON.parse(text) as ChildConfig;
}

/**
 * Whether a module is rewritten (by a source that rewrites at all): the program's own code,
 * node_modules on request, never hotpath's code or its dependencies'.
 */
export function isInstrumented(url: string, settings: LoaderData): boolean {
  if (!url.startsWith('file:')) return false;
  // The script's own package is the program, even a package hotpath uses (acorn, typescript):
  // hotpath's copy was loaded before the hooks existed, or is another file of it.
  if (settings.programPackage && url.startsWith(settings.programPackage)) return !isOwnUrl(url);
  if (isOwnOrDependencyUrl(url)) return false;
  return settings.instrumentNodeModules || !/[\\/]node_modules[\\/]/.test(decodeURIComponent(url));
}
