/**
 * Runs a program under a capture and returns its profile: what `hotpath profile` and the
 * API's `run()` share.
 */
import type { MemoryBackend } from '../capture/memory/clock.js';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Profile } from '../model/profile.js';
import { VERSION } from '../version.js';
import type { BuildPart, ProcessProfile, ThreadView } from './assemble.js';
import { readCapture, type CaptureFile } from './capture-file.js';
import type { CaptureMode, ChildConfig, CountMethod } from './config.js';
import { isDependencyUrl, isOwnUrl } from './own-code.js';
import { markCutShort } from './cut-short.js';
import { readOwnError } from './own-errors.js';
import { pickSource, sourceNamed } from './sources/index.js';
import type { CaptureMeta } from './sources/source.js';
import { spawnProfiled, type ChildEnding, type SpawnOptions } from './spawn.js';

/** Options of {@link runProfiled}. */
export interface RunProfiledOptions extends SpawnOptions {
  /** `'sample'` (default) or `'trace'`. */
  mode?: CaptureMode;
  /** Sampling interval in milliseconds (sample mode); default 1. */
  interval?: number;
  /** Bytes instead of time (V8's sampling heap profiler): `allocated`, or `live` at exit. */
  heap?: 'allocated' | 'live';
  /** Sample mode: how calls are counted (default `'instrument'`; see {@link CountMethod}). */
  counts?: CountMethod;
  /** Instrument node_modules too (trace mode, and sample mode's counters). */
  traceNodeModules?: boolean;
  /**
   * Line profiling of the picked functions (`hotpath lines`); sample mode: exact hits from
   * counters, times from V8's stack ticks (capture/lines-sample/). Targets: `evolve`,
   * `Class.method`, `file.ts:41`, or a file for all its functions.
   */
  lines?: { targets: string[] };
  /**
   * Memory per line of the picked functions (`hotpath memory`, memory_profiler's table), with
   * `lines`' targets: which memory is read at each line event (capture/memory/clock.ts).
   */
  memory?: { backend: MemoryBackend };
  /** Worker threads: `'merged'` (default) adds them into one set of rows; `'separate'` keeps each apart. */
  threads?: ThreadView;
  /** Profile the Node processes the program starts too; their profiles are merged into the result's. */
  includeChildren?: boolean;
}

/** The outcome of {@link runProfiled}. */
export interface RunProfiledResult extends ChildEnding {
  /** The profile; `null` when the program ended before writing one (SIGKILL, a crash). */
  profile: Profile | null;
  /**
   * An error hotpath itself raised in the program's process (its loader refusing a file),
   * as one line naming the file; the process then ended with exit code 2.
   */
  hotpathError: string | null;
  /** With `includeChildren`: each process's own profile, the program's first. */
  processes?: ProcessProfile[];
}

/**
 * Runs `node script ...args` under hotpath's capture, waits for it to end, and builds its
 * profile. The program's stdio, argv, cwd and environment are its own.
 */
export async function runProfiled(script: string, args: readonly string[], options: RunProfiledOptions = {}): Promise<RunProfiledResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-'));
  const scriptPackage = packageDirOf(realPath(path.resolve(options.cwd ?? process.cwd(), script)));
  try {
    const source = pickSource(options);
    const settings = source.settings(options, { dir, cwd: options.cwd ?? process.cwd() });
    const nodeFlags = source.nodeFlags?.(settings) ?? [];
    const config: ChildConfig = {
      source: source.name,
      settings,
      nodeFlags,
      output: path.join(dir, 'capture.json'),
      instrumentNodeModules: options.traceNodeModules ?? false,
      programPackage: scriptPackage && source.instrumentsScriptPackage ? pathToFileURL(scriptPackage).href : undefined,
      ...(options.includeChildren ? { includeChildren: true } : {}),
    };
    const spawnOptions: SpawnOptions = nodeFlags.length === 0 ? options : { ...options, nodeArgs: [...nodeFlags, ...(options.nodeArgs ?? [])] };
    const spawned = spawnProfiled(script, args, config, spawnOptions);
    // What builds the profile loads while the program runs, not before it starts.
    const { childProfiles, mergeProcesses, processInfo, processProfile } = await builders();
    const ending = await spawned;
    const hotpathError = readOwnError(config.output);
    if (hotpathError !== null) return { ...ending, profile: null, hotpathError };
    const build: BuildPart = async (capture, end, command, thread) => markCutShort(await profileOf(capture, end, command, { scriptPackage, thread, settings }), capture, end);
    const view = options.threads ?? 'merged';
    const profile = await processProfile(config.output, ending, [script, ...args], view, build);
    if (profile && scriptPackage) claimScriptPackage(profile, scriptPackage);
    if (!options.includeChildren || !profile) return { ...ending, profile, hotpathError };
    const main = { info: processInfo(readCapture(config.output)!, ending.exitCode), profile };
    const processes = [main, ...(await childProfiles(dir, view, build))];
    return { ...ending, profile: mergeProcesses(processes), processes, hotpathError };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The modules that turn capture parts into a profile, loaded on first use: `hotpath profile`
 * starts the program first and loads them while it runs (each source loads its own builder).
 */
async function builders() {
  builderModules ??= Promise.all([import('./assemble.js'), import('../capture/source-maps.js')]);
  const [assemble, sourceMaps] = await builderModules;
  return { ...assemble, ...sourceMaps };
}
let builderModules: Promise<[typeof import('./assemble.js'), typeof import('../capture/source-maps.js')]> | undefined;

/** Where a capture came from: the package the script is in, and the thread that wrote it. */
interface CaptureOrigin {
  /**
   * The directory (with a trailing separator) of the node_modules package the script is in,
   * if it is: where that is one of hotpath's helper libraries (acorn, typescript), Node
   * running its files is the program, hotpath calling them is not.
   */
  scriptPackage?: string | null;
  /** The thread (0: main) whose V8 log a line capture reads. */
  thread?: number;
  /** The settings the run gave its capture source. */
  settings: unknown;
}

/** The profile of a capture file, with how the program really ended. */
export async function profileOf(capture: CaptureFile, ending: ChildEnding, command: string[], origin: CaptureOrigin): Promise<Profile> {
  const { pathOf } = await builders();
  const scriptPackage = origin.scriptPackage ?? null;
  const own = { isOwn: isOwnUrl, isHelper: isDependencyUrl, isProgramPackage: (url: string) => scriptPackage !== null && pathOf(url).startsWith(scriptPackage) };
  const meta: CaptureMeta = {
    command,
    startTime: capture.startTime,
    duration: capture.durationNs,
    nodeVersion: capture.nodeVersion,
    exitCode: ending.signal ? null : ending.exitCode,
    signal: ending.signal ?? capture.signal,
    cwd: capture.cwd,
    hotpathVersion: VERSION,
  };
  const source = sourceNamed(capture.source);
  const context = { settings: origin.settings, thread: origin.thread ?? 0, requiredAsCommonJs: capture.requiredAsCommonJs ?? [], own };
  return source.profile(capture.data, meta, context);
}

/**
 * A script run from inside node_modules (`hotpath profile tsc`, `node_modules/acorn/bin/acorn`)
 * is the program: its package's functions are shown as the program's, not folded into
 * `{node_modules}` with the libraries it uses.
 */
function claimScriptPackage(profile: Profile, packageDir: string): void {
  for (const frame of profile.frames) {
    if (frame.category === 'node_modules' && frame.file.startsWith(packageDir)) frame.category = 'user';
  }
}

/** The package directory (with a trailing separator) of a file inside node_modules; `null` elsewhere. */
function packageDirOf(file: string): string | null {
  return /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+[\\/])/.exec(file)?.[1] ?? null;
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
