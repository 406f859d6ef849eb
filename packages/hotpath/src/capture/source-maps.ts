/**
 * Source maps: where compiled code came from. Every capture maps V8's positions (in the
 * code V8 ran) through one {@link SourceMapper}, so frames carry the positions of the
 * source the user wrote: `packages/particles/src/simulator.ts:40`, not `dist/.../simulator.js:33`.
 *
 * Code loaded through hotpath's TypeScript loader is the loader's JavaScript, not the file on
 * disk: blanked in place (V8's positions are already TypeScript positions), or compiled
 * with an inline map (runner/compile.ts), which is read from the loader's output.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isTypeScript, loadTypeScript } from '../runner/typescript.js';
import type { EncodedSourceMap } from '@jridgewell/remapping';
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, encodedMap, originalPositionFor, TraceMap, type SourceMapInput } from '@jridgewell/trace-mapping';

/** A 1-based position in a source file (0 for unknown line or column). */
export interface SourcePosition {
  /** Absolute path, a `node:` id, or the URL as V8 gave it when it is not a file. */
  file: string;
  line: number;
  column: number;
}

/** A source map given as JSON text or as a parsed object. */
export type RawSourceMap = string | EncodedSourceMap;

/**
 * One source map, read: the original positions of generated ones. The one place where
 * positions go through a map, for the captures ({@link SourceMapper}) and the transforms
 * (`PositionTracer`) alike.
 */
export class MappedCode {
  private readonly map: TraceMap;

  /**
   * @param map - the map from the generated code to its original source.
   * @param mapUrl - where the map lives (path or URL), to resolve its relative `sources`.
   */
  constructor(map: RawSourceMap | SourceMapInput, mapUrl: string) {
    this.map = new TraceMap(map as SourceMapInput, mapUrl);
    this.map.resolvedSources.forEach((source, i) => {
      const text = this.map.sourcesContent?.[i];
      if (typeof text === 'string') embeddedSources.set(pathOf(source), text);
    });
  }

  /**
   * The original position of 1-based `line`, 0-based `column` of the generated code; `null`
   * where nothing on the line maps. A function's first token usually has a mapping of its
   * own; where it does not, the nearest mapping on the left (else on the right) of the same
   * line stands for it.
   */
  original(line: number, column: number): SourcePosition | null {
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const found = originalPositionFor(this.map, { line, column, bias });
      if (found.source !== null) return { file: pathOf(found.source), line: found.line, column: found.column + 1 };
    }
    return null;
  }

  /**
   * The original position of a whole generated line (1-based), for line ticks and line
   * maps; `null` where nothing on the line maps. Why the line's last column: a query at
   * column 0 falls before the line's first segment and returns the *previous* line's mapping.
   */
  originalLine(line: number): SourcePosition | null {
    return this.original(line, Number.MAX_SAFE_INTEGER);
  }

  /** The map with its sources resolved to absolute paths, for composition. */
  resolved(): EncodedSourceMap {
    const map = encodedMap(this.map);
    return { ...map, sourceRoot: undefined, sources: this.map.resolvedSources.map(pathOf) };
  }
}

// The last sourceMappingURL comment of a file (JS `//#` or CSS-style `/*#`), as bundlers emit it.
const MAPPING_COMMENT = /[#@]\s*sourceMappingURL=([^\s'"*]+)\s*(?:\*\/)?\s*$/;

/**
 * The source map a piece of code names in its last sourceMappingURL comment: the text of the
 * map and the URL its sources are relative to (the code's own for an inline map). The comment
 * is looked for on the code's last line, however long: an inline map of a large file (tsc's
 * output for a 5,000-line module) is hundreds of kB on that one line.
 */
export function sourceMapOf(code: string, codeUrl: string): { text: string; url: string } | null {
  const end = code.trimEnd().length;
  const comment = MAPPING_COMMENT.exec(code.slice(code.lastIndexOf('\n', end - 1) + 1, end));
  if (!comment) return null;
  const mapUrl = new URL(comment[1]!, codeUrl);
  if (mapUrl.protocol === 'data:') return { text: decodeDataUrl(mapUrl.href), url: codeUrl };
  return { text: readFileSync(mapUrl, 'utf8'), url: mapUrl.href };
}

/**
 * The `sourcesContent` of the source maps read in this process, by original path: a
 * package published as JavaScript with maps often ships the text of its TypeScript sources
 * in the maps and not the files.
 */
const embeddedSources = new Map<string, string>();

/** The text of an original source as a source map read in this process holds it; `null` if none does. */
export function embeddedSource(file: string): string | null {
  return embeddedSources.get(file) ?? null;
}

/** Reads the source maps of scripts (their `sourcesContent` then answers {@link embeddedSource}). */
export function readMapsOf(urls: Iterable<string>): void {
  const mapper = new SourceMapper();
  for (const url of urls) mapper.original(url, 0, 0);
}

/** Loads and caches the source maps of scripts, and maps generated positions to original ones. */
export class SourceMapper {
  private readonly maps = new Map<string, MappedCode | null>();

  /**
   * @param options.requiredAsCommonJs - TypeScript files of ES module packages that ran as
   *   CommonJS (reached through require()): their maps come from the CommonJS output.
   */
  constructor(private readonly options: { requiredAsCommonJs?: ReadonlySet<string> } = {}) {}

  /** Registers the map of code that is not on disk as V8 ran it (an instrumented module). */
  addMap(url: string, map: SourceMapInput): void {
    this.maps.set(url, new MappedCode(map, url));
  }

  /**
   * The original position of a 0-based generated `[line, column]` of script `url`; the
   * generated position itself (made 1-based) where the script has no usable map.
   */
  original(url: string, line: number, column: number): SourcePosition {
    const map = line < 0 ? null : this.mapOf(url);
    return map?.original(line + 1, Math.max(column, 0)) ?? { file: pathOf(url), line: line + 1, column: column + 1 };
  }

  private mapOf(url: string): MappedCode | null {
    let map = this.maps.get(url);
    if (map === undefined) {
      map = loadMap(url, this.options.requiredAsCommonJs);
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

function loadMap(url: string, requiredAsCommonJs?: ReadonlySet<string>): MappedCode | null {
  if (!url.startsWith('file:')) return null;
  try {
    const file = fileURLToPath(url);
    // A TypeScript file ran as the loader made it (from its cache, so no compiler loads), in
    // the format it ran as.
    const format = requiredAsCommonJs?.has(file) ? 'commonjs' : undefined;
    const code = isTypeScript(file) ? loadTypeScript(file, format) : readFileSync(file, 'utf8');
    const map = sourceMapOf(code, url);
    return map && new MappedCode(map.text, map.url);
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
