// The tracing transform: JavaScript in, instrumented JavaScript plus a source map out.
// Every function reports its calls to the recorder (recorder.ts) installed on globalThis;
// see planner.ts for exactly what is inserted and why lines never shift.
import type * as acorn from 'acorn';
import type { EncodedSourceMap } from '@jridgewell/remapping';
import type { TextInsertion } from '../edit-map.js';
import { afterDirectives } from '../instrument/ast.js';
import { applyInsertions, type Insertion } from '../instrument/insertions.js';
import { parseModule, type ParsedModule } from '../instrument/module.js';
import { instrumentedMap } from '../instrument/compose.js';
import { PositionTracer, type RawSourceMap } from '../instrument/source-map.js';
import { TracePlanner } from './planner.js';
import { snippet } from './protocol.js';

/** Hands out `count` consecutive function ids and returns the first. */
export type IdAllocator = (count: number) => number;

/** Options of {@link instrument}. */
export interface InstrumentOptions {
  /** Absolute path of the code's file: frames and the source map name it. */
  file: string;
  /** `'module'` for ES modules (the default), `'script'` for CommonJS and classic scripts. */
  sourceType?: 'module' | 'script';
  /** Source map from `source` to the code the user wrote (a dist/ file's .js.map). */
  inputMap?: RawSourceMap;
  /** Path or URL of `inputMap`, to resolve its relative `sources`; defaults to `file`. */
  mapUrl?: string;
  /**
   * Where function ids come from; defaults to a counter of this thread. Ids must be unique
   * in the traced process: when files are instrumented on several threads (a loader thread
   * and the main thread), give all of them {@link sharedIdAllocator} over one buffer.
   */
  allocateIds?: IdAllocator;
  /**
   * Whether to make {@link InstrumentResult}'s `map` (the default); without it the caller
   * makes whatever map it needs from the insertions (the runner: runner/node-maps.ts).
   */
  sourceMap?: boolean;
}

/** A function of the instrumented code, at its position in the source the user wrote. */
export interface FunctionSite {
  id: number;
  /** As the user reads it: `factorial`, `ParticleSimulator.evolve`, `(anonymous)`. */
  name: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** The result of {@link instrument}: instrumented code, or why the code was left alone. */
export type InstrumentResult =
  | {
      ok: true;
      code: string;
      /** Instrumented code -> original source (composed with the input map); `null` when the code is unchanged or no map was asked for. */
      map: EncodedSourceMap | null;
      /** The text inserted, in output order (none when the code is unchanged). */
      insertions: TextInsertion[];
      functions: FunctionSite[];
    }
  | { ok: false; error: string };

/** An {@link IdAllocator} counting up from `first`: give each instrumenting thread its own range. */
export function idAllocatorFrom(first: number): IdAllocator {
  let next = first;
  return (count) => {
    const given = next;
    next += count;
    return given;
  };
}

/** The default {@link IdAllocator}: a counter of this thread, from 1. */
export const threadIdAllocator: IdAllocator = idAllocatorFrom(1);

/**
 * An {@link IdAllocator} over a shared counter (`new Int32Array(new SharedArrayBuffer(4))`),
 * so threads that instrument files of one process hand out distinct ids.
 */
export function sharedIdAllocator(counter: Int32Array): IdAllocator {
  return (count) => Atomics.add(counter, 0, count) + 1;
}

/**
 * Instruments every function of `source` so each call reports enter and exit to the
 * recorder on `globalThis` (which must be installed before the code runs), and registers
 * the functions' names and positions with it when the code starts.
 * Code that does not parse is returned as an error, never half-instrumented.
 */
export function instrument(source: string, options: InstrumentOptions): InstrumentResult {
  const planner = new TracePlanner(source);
  const tracer = new PositionTracer(options.file, options.inputMap, options.mapUrl);
  let module: ParsedModule;
  try {
    module = parseModule(source, { file: options.file, sourceType: options.sourceType ?? 'module', tracer, visitor: planner });
  } catch (error) {
    return { ok: false, error: `${options.file}: ${(error as Error).message}` };
  }
  if (module.functions.length === 0) return { ok: true, code: source, map: null, insertions: [], functions: [] };

  const firstId = (options.allocateIds ?? threadIdAllocator)(module.functions.length);
  const functions = module.functions.map((fn) => ({ id: firstId + fn.index, name: fn.name, ...module.original(fn.start) }));
  const insertions: Insertion[] = planner.insertions.map((p) => ({ ...p, text: p.text(firstId) }));
  insertions.push(registration(module.program, source, firstId, functions));
  const { code, insertions: ordered } = applyInsertions(module, insertions);
  const map = options.sourceMap === false ? null : instrumentedMap(module, ordered, tracer);
  return { ok: true, code, map, insertions: ordered, functions };
}

/** The statement that registers the file's functions, first thing the code runs. */
function registration(program: acorn.Program, source: string, firstId: number, functions: FunctionSite[]): Insertion {
  const files = [...new Set(functions.map((f) => f.file))];
  const frames = functions.map((f) => [f.name, files.indexOf(f.file), f.line, f.column]);
  // After a hashbang line, on the next line: the hashbang must stay the file's first bytes.
  const hashbangEnd = source.startsWith('#!') ? source.indexOf('\n') + 1 || source.length : 0;
  const { pos, separator } = afterDirectives(source, program.body, hashbangEnd);
  const text = separator + snippet.register(firstId, JSON.stringify(files), JSON.stringify(frames));
  return { pos, closing: false, depth: -1, text };
}

/**
 * `code` with `map` inlined as a `//# sourceMappingURL=data:` comment, replacing a
 * sourceMappingURL comment the code had (which named the map of the code before instrumenting).
 */
export function withInlineMap(code: string, map: EncodedSourceMap): string {
  const base64 = Buffer.from(JSON.stringify(map)).toString('base64');
  const comment = `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${base64}`;
  const existing = /\/\/[#@] sourceMappingURL=[^\r\n]*\s*$/;
  return existing.test(code) ? code.replace(existing, comment) : `${code}\n${comment}`;
}
