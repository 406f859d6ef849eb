/**
 * Source maps: where compiled code came from. Every capture maps V8's positions (in the
 * code V8 ran) through one {@link SourceMapper}, so frames carry the positions of the
 * source the user wrote: `packages/particles/src/simulator.ts:40`, not `dist/.../simulator.js:33`.
 *
 * Code loaded through hotpath's TypeScript loader needs no map: types are blanked in place,
 * so V8's positions are already TypeScript positions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
  type SourceMapInput,
} from '@jridgewell/trace-mapping';

/** A 1-based position in a source file (0 for unknown line or column). */
export interface SourcePosition {
  /** Absolute path, a `node:` id, or the URL as V8 gave it when it is not a file. */
  file: string;
  line: number;
  column: number;
}

// The last sourceMappingURL comment of a file (JS `//#` or CSS-style `/*#`), as bundlers emit it.
const MAPPING_COMMENT = /[#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/)?\s*$/;

/** Loads and caches the source maps of scripts, and maps generated positions to original ones. */
export class SourceMapper {
  private readonly maps = new Map<string, TraceMap | null>();

  /** Registers the map of code that is not on disk as V8 ran it (an instrumented module). */
  addMap(url: string, map: SourceMapInput): void {
    this.maps.set(url, new TraceMap(map, url));
  }

  /**
   * The original position of a 0-based generated `[line, column]` of script `url`; the
   * generated position itself (made 1-based) where the script has no usable map.
   */
  original(url: string, line: number, column: number): SourcePosition {
    const generated = { file: pathOf(url), line: line + 1, column: column + 1 };
    const map = line < 0 ? null : this.mapOf(url);
    if (!map) return generated;
    const needle = { line: line + 1, column: Math.max(column, 0) };
    let found = originalPositionFor(map, { ...needle, bias: GREATEST_LOWER_BOUND });
    if (found.source === null) found = originalPositionFor(map, { ...needle, bias: LEAST_UPPER_BOUND });
    if (found.source === null) return generated;
    return { file: pathOf(found.source), line: found.line, column: found.column + 1 };
  }

  /**
   * The original line of a whole generated line (1-based in, 1-based out), for line ticks.
   * Why the line's last column: a query at column 0 falls before the line's first segment
   * and returns the *previous* line's mapping.
   */
  originalLine(url: string, line: number): SourcePosition {
    return this.original(url, line - 1, Number.MAX_SAFE_INTEGER);
  }

  private mapOf(url: string): TraceMap | null {
    let map = this.maps.get(url);
    if (map === undefined) {
      map = loadMap(url);
      this.maps.set(url, map);
    }
    return map;
  }
}

/** A script URL as a path where it is a file URL; other ids (`node:fs`) unchanged. */
export function pathOf(url: string): string {
  if (!url.startsWith('file:')) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}

function loadMap(url: string): TraceMap | null {
  if (!url.startsWith('file:')) return null;
  try {
    const code = readFileSync(new URL(url), 'utf8');
    const comment = MAPPING_COMMENT.exec(code.slice(-4096));
    if (!comment) return null;
    const mapUrl = new URL(comment[1]!, url);
    const text = mapUrl.protocol === 'data:' ? decodeDataUrl(mapUrl.href) : readFileSync(mapUrl, 'utf8');
    return new TraceMap(text, mapUrl.protocol === 'data:' ? url : mapUrl.href);
  } catch {
    return null; // no map, or an unreadable one: positions stay those of the generated code
  }
}

function decodeDataUrl(href: string): string {
  const comma = href.indexOf(',');
  const header = href.slice(0, comma);
  const body = href.slice(comma + 1);
  return header.endsWith(';base64') ? Buffer.from(body, 'base64').toString('utf8') : decodeURIComponent(body);
}
