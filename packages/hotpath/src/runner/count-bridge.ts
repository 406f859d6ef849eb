/**
 * The runner's side of sample mode's call counters (../capture/count-transform.ts):
 * - {@link countTransform}: on the loader thread and the main thread, rewrites the
 *   program's modules and appends what it counted to the thread's counts file;
 * - {@link installCounters}: in the preload, before any counted code runs;
 * - {@link collectCounts}: at the end, the counts as {@link ScriptCounts} (one per file).
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { COUNTERS_GLOBAL, instrumentCounts, type CountedFunction } from '../capture/count-transform.js';
import type { ScriptCounts } from '../capture/v8-types.js';
import type { ModuleTransform } from './sources/source.js';
import { sharedSlots } from '../capture/instrument/slots.js';

/** Slots of the counter array: functions past this many run uncounted. */
const CAPACITY = 1 << 20;

/** One line of the counts file: a module and its counted functions. */
interface CountedModule {
  url: string;
  functions: CountedFunction[];
}

/** The counting transform (location: URL or path). */
export function countTransform(countsFile: string, idCounter: SharedArrayBuffer): ModuleTransform {
  const allocateIds = sharedSlots(idCounter, CAPACITY);
  return (code, location, format) => {
    const result = instrumentCounts(code, { sourceType: format === 'module' ? 'module' : 'script', allocateIds });
    if (!result) return null;
    const url = location.startsWith('file:') ? location : pathToFileURL(location).href;
    const line: CountedModule = { url, functions: result.functions };
    appendFileSync(countsFile, JSON.stringify(line) + '\n'); // one write: lines never interleave
    return result.insertions.length === 0 ? null : { code: result.code, insertions: result.insertions };
  };
}

/** Installs the counters counted code increments. Must run before any counted code. */
export function installCounters(): Float64Array {
  const counters = new Float64Array(CAPACITY);
  Object.defineProperty(globalThis, COUNTERS_GLOBAL, { value: counters, enumerable: false });
  return counters;
}

/** The counts so far, per counted file. */
export function collectCounts(countsFile: string, counters: Float64Array): ScriptCounts[] {
  let text = '';
  try {
    text = readFileSync(countsFile, 'utf8');
  } catch {
    return []; // nothing was counted
  }
  const lines = text.split('\n').filter((line) => line !== '');
  return lines.map((line) => {
    const counted = JSON.parse(line) as CountedModule;
    const functions = counted.functions
      .filter((fn) => counters[fn.id]! > 0)
      .map((fn) => ({ name: fn.name, label: fn.name, start: fn.start, end: fn.end, origin: fn.origin, count: counters[fn.id]!, exact: true }));
    // The module's top level ran once (V8 names it '' and puts it at 0:0, as coverage does).
    const topLevel = { name: '', start: [0, 0] as [number, number], end: [Number.MAX_SAFE_INTEGER, 0] as [number, number], count: 1, exact: true };
    return { scriptId: '', url: counted.url, functions: [topLevel, ...functions] };
  });
}
