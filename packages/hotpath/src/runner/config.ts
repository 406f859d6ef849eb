/**
 * What the `hotpath profile` process tells the profiled program's process: the settings
 * travel in one environment variable, which the preload reads and removes so the program
 * sees the environment it would have under `node`.
 */
import type { LinesChildConfig, LinesChildSettings } from '../capture/lines-sample/child.js';
import { isOwnOrDependencyUrl, isOwnUrl } from './own-code.js';

/** The environment variable carrying {@link ChildConfig} as JSON. */
export const CONFIG_ENV = 'HOTPATH_PROFILE_CAPTURE';

/** A capture mode of the runner. */
export type CaptureMode = 'sample' | 'trace';

/**
 * How sample mode counts calls: `instrument` (a counter in each of the program's functions,
 * ~2 ns a call), `coverage` (V8 block coverage: every function, Node's included, but 1.1x
 * to 1.9x slower loops), or `none`.
 */
export type CountMethod = 'instrument' | 'coverage' | 'none';

/** Settings of the profiled process. */
export interface ChildConfig {
  mode: CaptureMode;
  /** Sampling interval, ns (sample mode). */
  intervalNs: number;
  /** How sample mode counts calls. */
  counts: CountMethod;
  /** Where the process writes its capture (atomically) when it ends. */
  output: string;
  /** Instrument node_modules too (trace mode, and sample mode's counters). */
  instrumentNodeModules: boolean;
  /** The node_modules package the script is in (`hotpath profile tsc`), as a URL ending in `/`: instrumented as the program. */
  programPackage?: string;
  /** Sample mode's line capture (`hotpath lines`): picked functions counted per block, times from V8's log. */
  lineSample?: LinesChildConfig;
  /** Trace mode's line capture (`hotpath lines --mode trace`): replaces call tracing. */
  lineTrace?: LineTraceSettings;
  /** The pipe on which `hotpath profile` asks the program to stop (stop-listener.ts), if any. */
  stopFd?: number;
  /**
   * Profile the Node processes the program starts too (`--include-children`): each writes
   * its capture beside {@link ChildConfig.output} (children.ts).
   */
  includeChildren?: boolean;
  /** Set in the settings a child process inherits: this process is not the program's first. */
  descendant?: boolean;
}

/** Settings of `hotpath lines --mode trace` (runner/lines-trace-bridge.ts). */
export interface LineTraceSettings {
  /** What the user picked: names, `file:line`, files (`--all`). */
  targets: string[];
  /** Where each thread appends the modules it saw (one JSON line each). */
  recordFile: string;
  /** Directory relative targets are resolved from. */
  cwd: string;
}

/** Settings of the module hooks (`module.register`'s `data`), shared with the main thread. */
export interface LoaderData {
  mode: CaptureMode;
  counts: CountMethod;
  instrumentNodeModules: boolean;
  /** See {@link ChildConfig.programPackage}. */
  programPackage?: string;
  /** The function-id counter the main and loader threads share (4 bytes). */
  idCounter?: SharedArrayBuffer;
  /** Sample mode's counters: file where each thread appends the functions it instrumented. */
  countsFile?: string;
  /** Sample mode's line capture: only the picked functions are rewritten. */
  lineSample?: LinesChildSettings;
  /** Trace mode's line capture: only the picked functions are rewritten. */
  lineTrace?: LineTraceSettings;
}

/** Reads the settings and removes them from the environment; `null` when not profiled. */
export function takeChildConfig(env: NodeJS.ProcessEnv = process.env): ChildConfig | null {
  const text = env[CONFIG_ENV];
  if (text === undefined) return null;
  delete env[CONFIG_ENV];
  return JSON.parse(text) as ChildConfig;
}

/** Whether modules are rewritten at all: trace mode, or sample mode counting by instrumentation. */
export function instruments(settings: LoaderData): boolean {
  return settings.mode === 'trace' || settings.counts === 'instrument' || settings.lineSample !== undefined;
}

/**
 * Whether a module is rewritten: the program's own code, node_modules on request, never
 * hotpath's code or its dependencies'.
 */
export function isInstrumented(url: string, settings: LoaderData): boolean {
  if (!instruments(settings) || !url.startsWith('file:')) return false;
  // The script's own package is the program, even a package hotpath uses (acorn, typescript):
  // hotpath's copy was loaded before the hooks existed, or is another file of it.
  if (settings.programPackage && url.startsWith(settings.programPackage)) return !isOwnUrl(url);
  if (isOwnOrDependencyUrl(url)) return false;
  return settings.instrumentNodeModules || !/[\\/]node_modules[\\/]/.test(decodeURIComponent(url));
}
