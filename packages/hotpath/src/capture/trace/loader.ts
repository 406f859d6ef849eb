// The transform as module loaders call it: code and URL in, instrumented code out, with
// the source map inlined (composed with the file's own .js.map, if it has one) and a
// failure to parse reported once and answered with the code unchanged. hotpath's runner
// takes the inserted text instead and makes the map itself (runner/node-maps.ts).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceMapOf } from '../source-maps.js';
import type { TextInsertion } from '../edit-map.js';
import { instrument, withInlineMap, type IdAllocator, type InstrumentResult } from './instrument.js';
import type { RawSourceMap } from '../instrument/source-map.js';

/** Options of {@link createLoaderTransform}. */
export interface LoaderTransformOptions {
  /** Where ids come from (see {@link IdAllocator}); each thread that instruments needs its own range. */
  allocateIds?: IdAllocator;
  /** Told about files left uninstrumented; defaults to a line on stderr. */
  warn?: (message: string) => void;
}

/** Instruments one module: `location` is its URL or path; `format` how Node runs it. */
export type LoaderTransform = (code: string, location: string, format: 'module' | 'commonjs') => string;

/** The trace transform for a module loader. */
export function createLoaderTransform(options: LoaderTransformOptions = {}): LoaderTransform {
  const transform = instrumenter(options, true);
  return (code, location, format) => {
    const result = transform(code, location, format);
    return result === null ? code : result.map ? withInlineMap(result.code, result.map) : result.code;
  };
}

/**
 * The trace transform as hotpath's runner calls it: the instrumented code and the text it
 * inserted (the runner makes the source map Node needs from it), `null` for a file left as it is.
 */
export function createInsertingTransform(
  options: LoaderTransformOptions = {},
): (code: string, location: string, format: 'module' | 'commonjs') => { code: string; insertions: TextInsertion[] } | null {
  const transform = instrumenter(options, false);
  return (code, location, format) => {
    const result = transform(code, location, format);
    return result && result.insertions.length > 0 ? { code: result.code, insertions: result.insertions } : null;
  };
}

type Instrumented = Extract<InstrumentResult, { ok: true }>;

function instrumenter(options: LoaderTransformOptions, sourceMap: boolean): (code: string, location: string, format: 'module' | 'commonjs') => Instrumented | null {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`hotpath: ${message}\n`));
  return (code, location, format) => {
    const file = location.startsWith('file:') ? fileURLToPath(location) : location;
    try {
      return instrumentFile(code, file, format, { allocateIds: options.allocateIds, sourceMap }, warn);
    } catch (error) {
      // A bug or a limit of the transform (a source map it cannot read, an AST too deep)
      // must cost the file its tracing, never the program its run.
      warn(`trace mode left ${file} untraced: ${(error as Error).message}`);
      return null;
    }
  };
}

function instrumentFile(
  code: string,
  file: string,
  format: 'module' | 'commonjs',
  options: { allocateIds: IdAllocator | undefined; sourceMap: boolean },
  warn: (message: string) => void,
): Instrumented | null {
  const input = readInputMap(code, file);
  const result = instrument(code, {
    file,
    sourceType: format === 'module' ? 'module' : 'script',
    inputMap: input?.map,
    mapUrl: input?.url,
    allocateIds: options.allocateIds,
    sourceMap: options.sourceMap,
  });
  if (!result.ok) {
    warn(`trace mode left a file it could not parse untraced: ${result.error}`);
    return null;
  }
  return result;
}

/** The code's own source map (a compiled file's .js.map, or an inline one), if it has one that loads. */
export function readInputMap(code: string, file: string): { map: RawSourceMap; url: string } | null {
  try {
    const found = sourceMapOf(code, pathToFileURL(file).href);
    return found && { map: found.text, url: found.url };
  } catch {
    return null; // an unreadable map: positions stay those of the code as it is
  }
}
