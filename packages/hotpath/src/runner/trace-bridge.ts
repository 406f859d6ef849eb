/**
 * The runner's side of trace mode: the one place where the preload and the loader call
 * the tracing engine (../capture/trace/). The hooks:
 * - {@link loaderTransform}: on the loader thread, instruments an ES module's code;
 * - {@link commonJsTransform}: on the main thread, the same for CommonJS files;
 * - {@link startRecorder}: in the preload, installs the recorder before the program loads
 *   and returns the function that stops it and hands back its snapshot for the capture file.
 */
import { pathToFileURL } from 'node:url';
import { isTraced, type LoaderData } from './config.js';
import type { CjsTransform } from './cjs.js';
import type { SourceMapper } from '../capture/source-maps.js';
import { idAllocatorFrom } from '../capture/trace/instrument.js';
import { installRecorder, traceSnapshot } from '../capture/trace/install.js';
import { createLoaderTransform } from '../capture/trace/loader.js';
import { buildTraceProfile } from '../capture/trace/profile.js';
import type { TraceSnapshot } from '../capture/trace/snapshot.js';
import type { Profile, ProfileMeta } from '../model/profile.js';

// Function ids must be unique in the process, and two threads instrument: the loader thread
// counts from 1, the main thread (CommonJS) from 2^30. Frames are registered by the
// instrumented code itself when it runs, so no thread needs to tell the other anything.
const MAIN_THREAD_FIRST_ID = 2 ** 30;

// hotpath's own modules (the recorder above all: instrumented, it would record itself
// without end) load through the same hooks once they are registered: never trace them.
const HOTPATH_SRC = new URL('../', import.meta.url).href;
const isHotpath = (url: string): boolean => url.startsWith(HOTPATH_SRC);

/** Trace mode's transform for the loader thread: `(code, url, format) => instrumented code`. */
export function loaderTransform(_settings: LoaderData): (code: string, url: string, format: 'module' | 'commonjs') => string {
  const transform = createLoaderTransform();
  return (code, url, format) => (isHotpath(url) ? code : transform(code, url, format));
}

/** Trace mode's transform for CommonJS files on the main thread. */
export function commonJsTransform(settings: LoaderData): { apply: CjsTransform; traces: (filename: string) => boolean } {
  const transform = createLoaderTransform({ allocateIds: idAllocatorFrom(MAIN_THREAD_FIRST_ID) });
  return {
    apply: (code, filename) => transform(code, filename, 'commonjs'),
    traces: (filename) => {
      const url = pathToFileURL(filename).href;
      return isTraced(url, settings) && !isHotpath(url);
    },
  };
}

/** Installs the recorder; the returned function stops it and returns the capture's `trace` part. */
export function startRecorder(): () => { trace: unknown } {
  const recorder = installRecorder();
  return () => ({ trace: traceSnapshot(recorder) });
}

/** The profile of a trace capture. */
export function traceProfile(trace: unknown, meta: Omit<ProfileMeta, 'mode' | 'exactness' | 'notes'>, _mapper: SourceMapper): Profile {
  // Frames were mapped to the source the user wrote when the code was instrumented.
  return buildTraceProfile(trace as TraceSnapshot, meta);
}
