// Positions through source maps. The transform parses the code it is given (JavaScript,
// or TypeScript already blanked by ts-blank-space, whose positions equal the TypeScript
// ones); where that code was itself compiled (a dist/ file with its .js.map), function
// positions are traced back to the original source and the instrumented code's map is
// composed with the input map, so stack traces and frames both point at the source the
// user wrote.
import { fileURLToPath } from 'node:url';
import remapping, { type EncodedSourceMap } from '@jridgewell/remapping';
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  TraceMap,
  encodedMap,
  originalPositionFor,
  type SourceMapInput,
} from '@jridgewell/trace-mapping';

/** A position in a source file: 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A source map given as JSON text or as a parsed object. */
export type RawSourceMap = string | EncodedSourceMap;

/** Traces positions of the parsed code back through its input map, when it has one. */
export class PositionTracer {
  private readonly trace: TraceMap | null;

  /**
   * @param file - the parsed code's own file, used where there is no map or no mapping.
   * @param inputMap - the map from the parsed code to its original source, if any.
   * @param mapUrl - where the map lives (path or URL), to resolve its relative `sources`.
   */
  constructor(
    private readonly file: string,
    inputMap?: RawSourceMap,
    mapUrl?: string,
  ) {
    this.trace = inputMap ? new TraceMap(inputMap as SourceMapInput, mapUrl ?? file) : null;
  }

  /** The original position of 1-based `line`, 0-based `column` of the parsed code. */
  original(line: number, column: number): SourcePosition {
    if (this.trace) {
      // A function's first token usually has a mapping of its own; where it does not, the
      // nearest mapping on the left (else on the right) of the same line stands for it.
      for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
        const found = originalPositionFor(this.trace, { line, column, bias });
        if (found.source !== null) {
          return { file: toPath(found.source), line: found.line, column: found.column + 1 };
        }
      }
    }
    return { file: this.file, line, column: column + 1 };
  }

  /** The input map with its sources resolved to absolute paths, for composition. */
  resolvedInputMap(): EncodedSourceMap | null {
    if (!this.trace) return null;
    const map = encodedMap(this.trace);
    return { ...map, sourceRoot: undefined, sources: this.trace.resolvedSources.map(toPath) };
  }
}

/**
 * The map of the instrumented code back to the original source: `outputMap` (instrumented
 * -> parsed code) composed with the tracer's input map (parsed code -> original), if any.
 */
export function composeMaps(outputMap: EncodedSourceMap, tracer: PositionTracer): EncodedSourceMap {
  const input = tracer.resolvedInputMap();
  if (!input) return outputMap;
  const composed = remapping(outputMap, (source, ctx) => (ctx.depth === 1 ? input : null));
  return composed as unknown as EncodedSourceMap;
}

/** `file:` URLs become paths; paths and other ids (`node:fs`) stay as they are. */
export function toPath(source: string): string {
  return source.startsWith('file:') ? fileURLToPath(source) : source;
}
