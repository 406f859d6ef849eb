// Positions through source maps. The transform parses the code it is given (JavaScript,
// or TypeScript already blanked by ts-blank-space, whose positions equal the TypeScript
// ones); where that code was itself compiled (a dist/ file with its .js.map), function
// positions are traced back to the original source and the instrumented code's map is
// composed with the input map, so stack traces and frames both point at the source the
// user wrote. The lookups themselves (and their quirks) are ../source-maps.ts's MappedCode.
import type { EncodedSourceMap } from '@jridgewell/remapping';
import { MappedCode, type RawSourceMap, type SourcePosition } from '../source-maps.js';

export type { RawSourceMap };

/** Traces positions of the parsed code back through its input map, when it has one. */
export class PositionTracer {
  private readonly trace: MappedCode | null;

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
    this.trace = inputMap ? new MappedCode(inputMap, mapUrl ?? file) : null;
  }

  /** The original position of 1-based `line`, 0-based `column` of the parsed code. */
  original(line: number, column: number): SourcePosition {
    return this.trace?.original(line, column) ?? { file: this.file, line, column: column + 1 };
  }

  /**
   * The original position of a whole 1-based `line` of the parsed code (its last mapping);
   * the parsed code's own file and line where nothing on it maps.
   */
  originalLine(line: number): SourcePosition {
    return this.trace?.originalLine(line) ?? { file: this.file, line, column: 0 };
  }

  /**
   * The original position of a whole 1-based `line` through the input map; `null` where the
   * code has no map or nothing on the line maps (a compiled file's own map may name the
   * same file as the code, so the file alone cannot tell a mapping from a fallback).
   */
  mappedLine(line: number): SourcePosition | null {
    return this.trace?.originalLine(line) ?? null;
  }

  /** The input map with its sources resolved to absolute paths, for composition. */
  resolvedInputMap(): EncodedSourceMap | null {
    return this.trace?.resolved() ?? null;
  }
}
