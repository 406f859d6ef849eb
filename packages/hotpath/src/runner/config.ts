/**
 * What the `hotpath profile` process tells the profiled program's process: the settings
 * travel in one environment variable, which the preload reads and removes so the program
 * sees the environment it would have under `node`.
 */

/** The environment variable carrying {@link ChildConfig} as JSON. */
export const CONFIG_ENV = 'HOTPATH_PROFILE_CAPTURE';

/** A capture mode of the runner. */
export type CaptureMode = 'sample' | 'trace';

/** Settings of the profiled process. */
export interface ChildConfig {
  mode: CaptureMode;
  /** Sampling interval, ns (sample mode). */
  intervalNs: number;
  /** Where the process writes its capture (atomically) when it ends. */
  output: string;
  /** Trace mode: instrument node_modules too. */
  traceNodeModules: boolean;
}

/** Settings of the module hooks (`module.register`'s `data`). */
export interface LoaderData {
  mode: CaptureMode;
  traceNodeModules: boolean;
}

/** Reads the settings and removes them from the environment; `null` when not profiled. */
export function takeChildConfig(env: NodeJS.ProcessEnv = process.env): ChildConfig | null {
  const text = env[CONFIG_ENV];
  if (text === undefined) return null;
  delete env[CONFIG_ENV];
  return JSON.parse(text) as ChildConfig;
}

/** Whether trace mode instruments a module: the program's own code, node_modules on request. */
export function isTraced(url: string, settings: LoaderData): boolean {
  if (settings.mode !== 'trace' || !url.startsWith('file:')) return false;
  return settings.traceNodeModules || !/[\\/]node_modules[\\/]/.test(decodeURIComponent(url));
}
