/**
 * What a capture source is: everything the runner needs to know of one way of measuring a
 * program, from the options of a run to the profile. The runner (run.ts, preload.ts,
 * hooks.ts, capture-file.ts) walks the registry (index.ts) and calls these; it never asks
 * which source it runs.
 *
 * A source's life, in the order the runner calls it:
 * 1. parent: {@link CaptureSource.picks} chooses it for a run's options, {@link CaptureSource.settings}
 *    makes its settings (they travel to the program's process as JSON, in config.ts's
 *    environment variable), {@link CaptureSource.nodeFlags} adds flags for node itself;
 * 2. child, each thread: {@link CaptureSource.forThread} gives the thread its own files,
 *    {@link CaptureSource.start} installs what instrumented code calls,
 *    {@link CaptureSource.transform} rewrites the program's modules (on Node's loader
 *    thread and, for CommonJS, on the main thread), then the program runs;
 * 3. child, at the end: the {@link Capture.collect} result is written as the capture file's `data`;
 * 4. parent: {@link CaptureSource.shareParts} lets the threads' parts know each other,
 *    {@link CaptureSource.profile} makes each part a {@link Profile}.
 *
 * Source modules import their capture code lazily (inside these methods): the preload and
 * the loader thread load every source's definition, and pay only for the one that runs.
 */
import type { TextInsertion } from '../../capture/edit-map.js';
import type { Profile, ProfileMeta } from '../../model/profile.js';
import type { RunProfiledOptions } from '../run.js';

/**
 * A module as a transform rewrote it, and how its positions go back to the code the
 * transform was given: the text it inserted (in output order, no line breaks), from which
 * the runner makes the source map Node shows the program's errors with (../node-maps.ts).
 */
export interface Transformed {
  code: string;
  insertions: readonly TextInsertion[];
}

/**
 * A module transform: `(code, location, format) => rewritten` (location: a URL or a path);
 * `null` leaves the module as it is.
 */
export type ModuleTransform = (code: string, location: string, format: 'module' | 'commonjs') => Transformed | null;

/** What the parent knows when it makes a source's settings. */
export interface RunContext {
  /** The run's scratch directory (removed when the run ends): where a source puts its files. */
  dir: string;
  /** The program's working directory. */
  cwd: string;
}

/** A thread's view of the run, with its source's settings: what the module hooks receive too. */
export interface ThreadContext<Settings = unknown> {
  /** The source's name in the registry. */
  source: string;
  /** The source's settings, after {@link CaptureSource.forThread}. */
  settings: Settings;
  /** Instrument node_modules too. */
  instrumentNodeModules: boolean;
  /** The node_modules package the script is in, as a URL ending in `/`: instrumented as the program. */
  programPackage?: string;
  /** The id counter the main and loader threads share (4 bytes): function ids, counter slots. */
  idCounter: SharedArrayBuffer;
  /**
   * Whether the program's own source maps (a compiled file's `.js.map`) count for its
   * errors, as under tsx (the program's script is TypeScript), not under node (../program-errors.ts).
   */
  programMaps: boolean;
}

/** A source's capture in one thread, once started. */
export interface Capture<Data = unknown> {
  /** Called after the module hooks are installed, just before the program's first module loads. */
  begin?(): void;
  /**
   * Called when the program's first instrumented ES module starts running (a call the
   * hooks put at its top; see {@link CaptureSource.marksProgramStart}): loading and
   * instrumenting the modules before it is hotpath's start-up, not the program's.
   */
  programStart?(): void;
  /** The capture so far, as JSON-able data for the capture file (called once, at the end). */
  collect(): Data;
}

/** The profile meta a source completes (it knows whether it sampled, and how often). */
export type CaptureMeta = Omit<ProfileMeta, 'mode' | 'exactness' | 'notes' | 'interval'>;

/** What the parent knows when it makes a profile of one capture part. */
export interface BuildContext<Settings = unknown> {
  /** The settings the parent gave the source. */
  settings: Settings;
  /** The thread that wrote the part (0: main). */
  thread: number;
  /** TypeScript files of ES module packages the thread ran as CommonJS (cjs.ts). */
  requiredAsCommonJs: readonly string[];
  /** Which URLs are hotpath's own, its helper libraries', the script's package's. */
  own: {
    isOwn(url: string): boolean;
    isHelper(url: string): boolean;
    isProgramPackage(url: string): boolean;
  };
}

/** One way of measuring a program; see the module comment for the order of the calls. */
export interface CaptureSource<Settings = unknown, Data = unknown> {
  /** Its name in the registry and in capture files. */
  name: string;
  /** Whether it serves a run with these options (the registry asks each in turn). */
  picks(options: RunProfiledOptions): boolean;
  /** Its settings for a run (JSON-able: they travel in an environment variable). */
  settings(options: RunProfiledOptions, run: RunContext): Settings;
  /** Flags for node itself (V8's log flags); taken back out of `process.execArgv` in the child. */
  nodeFlags?(settings: Settings): string[];
  /**
   * Whether the package a script run from node_modules is in is instrumented as the program:
   * for sources that record nothing without instrumentation (instrumenting a 6 MB bundle
   * takes seconds, so sources that also sample leave it alone).
   */
  instrumentsScriptPackage: boolean;
  /**
   * Whether the hooks put a program-start call at the top of each instrumented ES module
   * ({@link Capture.programStart}). It moves line 1's columns, so only for sources whose
   * positions come from their own transform, not from V8.
   */
  marksProgramStart?: boolean;
  /** Whether TypeScript keeps hotpath's `@profile` marks for this source's transform to read. */
  readsMarkers?: boolean;
  /** The thread's own settings (each thread writes its own files beside `output`, its capture part). */
  forThread?(settings: Settings, output: string): Settings;
  /** Installs what instrumented code calls, before the hooks and the program. */
  start(thread: ThreadContext<Settings>): Promise<Capture<Data>>;
  /** The module transform, if the source rewrites modules with these settings. */
  transform?(thread: ThreadContext<Settings>): Promise<ModuleTransform | null>;
  /** Lets the parts of several threads of one process know each other (before {@link profile}). */
  shareParts?(parts: Data[]): void;
  /** The profile of one capture part. */
  profile(data: Data, meta: CaptureMeta, context: BuildContext<Settings>): Promise<Profile>;
}
