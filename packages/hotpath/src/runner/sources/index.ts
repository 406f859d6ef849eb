/**
 * The capture registry: every way hotpath measures a program. The runner picks the first
 * source whose `picks` accepts a run's options, and finds it again by name in the program's
 * process and on Node's loader thread. Adding a source: its capture code in its own folder
 * (src/capture/NAME/), its definition here (NAME.ts, see source.ts), and one line below.
 */
import { heapSource } from './heap.js';
import { linesSampleSource } from './lines-sample.js';
import { linesTraceSource } from './lines-trace.js';
import { memorySource } from './memory.js';
import { sampleSource } from './sample.js';
import type { CaptureSource } from './source.js';
import { traceSource } from './trace.js';

/** The sources, in the order they are asked whether they serve a run. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source has its own settings and data types
const SOURCES: readonly CaptureSource<any, any>[] = [memorySource, linesTraceSource, linesSampleSource, heapSource, traceSource, sampleSource];

/** The source serving a run with these options. */
export function pickSource(options: Parameters<CaptureSource['picks']>[0]): CaptureSource {
  const source = SOURCES.find((s) => s.picks(options));
  if (!source) throw new Error(`no capture source serves these options (mode ${String(options.mode)})`);
  return source;
}

/** The source of this name (a capture file's, the settings the program's process received). */
export function sourceNamed(name: string): CaptureSource {
  const source = SOURCES.find((s) => s.name === name);
  if (!source) throw new Error(`unknown capture source '${name}' (known: ${SOURCES.map((s) => s.name).join(', ')})`);
  return source;
}

export type { Capture, CaptureSource, ModuleTransform, ThreadContext } from './source.js';

/** The global the program-start call of an instrumented module calls (see `Capture.programStart`). */
export const PROGRAM_START_KEY = 'hotpath.programStart';

/** The call the hooks put at the top of an ES module: on one line, before line 1's code. */
export const PROGRAM_START_CALL = `globalThis[Symbol.for(${JSON.stringify(PROGRAM_START_KEY)})]?.();`;
