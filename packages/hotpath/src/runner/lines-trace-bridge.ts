/**
 * The runner's side of `hotpath lines --mode trace` (../capture/lines-trace/):
 * - {@link lineTraceTransform}: on the loader thread and the main thread, instruments the
 *   picked functions of the program's modules and records each module it saw;
 * - {@link startLineRecorder}: in the preload, installs the recorder before the program
 *   loads; the function it returns takes the capture's `lineTrace` part;
 * - {@link lineTraceProfile}: in the parent, the profile of that part.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appendModule, collectLineTrace, type LineTraceData } from '../capture/lines-trace/capture.js';
import { buildLineTraceProfile, type LineTraceMeta } from '../capture/lines-trace/profile.js';
import { LINES_GLOBAL } from '../capture/lines-trace/protocol.js';
import { createLineRecorder, LINE_SLOTS } from '../capture/lines-trace/runtime.js';
import { instrumentLines } from '../capture/lines-trace/transform.js';
import { readInputMap } from '../capture/trace/loader.js';
import type { Profile } from '../model/profile.js';
import type { LineTraceSettings } from './sources/lines-trace.js';
import type { ModuleTransform } from './sources/source.js';
import { sharedSlots } from '../capture/instrument/slots.js';

/**
 * The line-tracing transform; slots come from the counter the two threads share. A module
 * with no picked function comes back only where hotpath's `@profile` marks were blanked in it.
 */
export function lineTraceTransform(settings: LineTraceSettings, idCounter: SharedArrayBuffer): ModuleTransform {
  const allocateSlots = sharedSlots(idCounter, LINE_SLOTS);
  return (code, location, format) => {
    const file = location.startsWith('file:') ? fileURLToPath(location) : location;
    try {
      const input = readInputMap(code, file);
      const sourceType = format === 'module' ? 'module' : 'script';
      const options = { file, sourceType, inputMap: input?.map, mapUrl: input?.url, targets: settings.targets, cwd: settings.cwd, allocateSlots, sourceMap: false } as const;
      const result = instrumentLines(code, options);
      if (!result.ok) throw new Error(result.error);
      appendModule(settings.recordFile, { url: pathToFileURL(file).href, file, names: result.names, functions: result.functions });
      return result.code === code ? null : { code: result.code, insertions: result.insertions };
    } catch (error) {
      // A file the transform cannot handle runs unmeasured; the program's run must not break.
      process.stderr.write(`hotpath lines: left ${file} unmeasured: ${(error as Error).message}\n`);
      return null;
    }
  };
}

/** Installs the recorder; the returned function takes the capture's `lineTrace` part. */
export function startLineRecorder(settings: LineTraceSettings): () => { lineTrace: LineTraceData } {
  const recorder = createLineRecorder();
  Object.defineProperty(globalThis, LINES_GLOBAL, { value: recorder, enumerable: false, writable: true });
  return () => ({ lineTrace: collectLineTrace(settings.recordFile, recorder, settings.targets, settings.cwd) });
}

/** The profile of a line-tracing capture. */
export function lineTraceProfile(lines: unknown, meta: LineTraceMeta): Profile {
  return buildLineTraceProfile(lines as LineTraceData, meta);
}
