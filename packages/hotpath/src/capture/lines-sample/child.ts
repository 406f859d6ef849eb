/**
 * The profiled process's side of sample mode's line capture:
 * - {@link linesTransform}: on the loader thread and the main thread, counts the picked
 *   functions of each module and appends what it counted to the record file;
 * - {@link installLineCounters}: in the preload, before any counted code runs;
 * - {@link collectLines}: at the end, the counters and records for the capture file.
 * The times come from V8's own log, which node writes itself (flags from v8-flags.ts).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LINE_COUNTERS_GLOBAL, LINE_COUNTER_CAPACITY, type LinesModuleRecord, type LinesSampleData } from './protocol.js';
import type { TextInsertion } from '../edit-map.js';
import { instrumentLines } from './transform.js';
import { sharedSlots } from '../instrument/slots.js';

/** What the line capture needs in the profiled process (the runner's `LoaderData.lineSample`). */
export interface LinesChildSettings {
  targets: string[];
  /** Where each thread appends the modules it instrumented (one JSON line each). */
  recordFile: string;
  /** Directory of V8's logs. */
  logDir: string;
  intervalUs: number;
  cwd: string;
}

/** What the runner passes to the profiled process (the record file is chosen there). */
export type LinesChildConfig = Omit<LinesChildSettings, 'recordFile'>;

/**
 * The transform for the module hooks. A module with no picked function comes back only
 * where hotpath's `@profile` marks were blanked in it.
 */
export function linesTransform(
  settings: LinesChildSettings,
  idCounter: SharedArrayBuffer,
): (code: string, location: string, format: 'module' | 'commonjs') => { code: string; insertions: TextInsertion[] } | null {
  const allocateIds = sharedSlots(idCounter, LINE_COUNTER_CAPACITY);
  return (code, location, format) => {
    const url = location.startsWith('file:') ? location : pathToFileURL(location).href;
    const file = location.startsWith('file:') ? fileURLToPath(location) : location;
    const sourceType = format === 'module' ? 'module' : 'script';
    const result = instrumentLines(code, { sourceType, file, url, targets: settings.targets, allocateIds, cwd: settings.cwd });
    if (!result) return null;
    appendFileSync(settings.recordFile, JSON.stringify(result.record) + '\n'); // one write: lines never interleave
    return result.code === code ? null : { code: result.code, insertions: result.insertions };
  };
}

/** Installs the counters counted code increments. Must run before any counted code. */
export function installLineCounters(): Float64Array {
  const counters = new Float64Array(LINE_COUNTER_CAPACITY);
  Object.defineProperty(globalThis, LINE_COUNTERS_GLOBAL, { value: counters, enumerable: false });
  return counters;
}

/** The counts so far and the modules they belong to. */
export function collectLines(settings: LinesChildSettings, counters: Float64Array): LinesSampleData {
  let text = '';
  try {
    text = readFileSync(settings.recordFile, 'utf8');
  } catch {
    // no module was loaded through the hooks
  }
  const modules = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LinesModuleRecord);
  let used = 0;
  for (const module of modules) for (const fn of module.picked) for (const s of fn.statements) used = Math.max(used, s.counter + 1);
  return { targets: settings.targets, modules, counts: Array.from(counters.subarray(0, used)), logDir: settings.logDir, intervalUs: settings.intervalUs };
}
