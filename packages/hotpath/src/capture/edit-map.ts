/**
 * Source maps of code that a transform changed by inserting text only (never a line break),
 * which is what every hotpath transform does: the call counter (count-transform.ts), the
 * tracers (trace/, lines-trace/) and the line counters (lines-sample/). Built in one pass
 * over the code, without a general source-map library: a sample-mode run counts every
 * module of the program, and each one's map is made as it loads.
 *
 * Segments are where magic-string's `hires: 'boundary'` puts them: at every character that
 * is not a word character and at the first character of each word. Every token then starts
 * a segment, and a position V8 reports (a token's start) maps to its exact original column:
 * Node's source-map lookups take the nearest segment at or before a position, they do not
 * add the distance from it.
 */
import type { EncodedSourceMap } from '@jridgewell/remapping';

/** Text inserted before the character at offset `at` of the original code. */
export interface TextInsertion {
  at: number;
  text: string;
}

/**
 * The code with `insertions` made. They must be in output order: by offset, and at one
 * offset in the order their texts follow each other.
 */
export function applyTextInsertions(source: string, insertions: readonly TextInsertion[]): string {
  let code = '';
  let from = 0;
  for (const { at, text } of insertions) {
    code += source.slice(from, at) + text;
    from = at;
  }
  return code + source.slice(from);
}

/** Options of {@link insertionMap}. */
export interface InsertionMapOptions {
  /** The original file, as the map's one source (an absolute path). */
  file: string;
  /**
   * `'all'`: every line mapped (what Node needs to show a whole file at its original
   * positions); `'changed'`: only the lines that got an insertion (the others are as they
   * were, and whoever reads the map knows which those are).
   */
  lines: 'all' | 'changed';
}

/**
 * The map from `applyTextInsertions(source, insertions)` back to `source` (insertions in
 * output order, none holding a line break). Inserted text has no segment of its own: it maps
 * to the original character before it.
 */
export function insertionMap(source: string, insertions: readonly TextInsertion[], options: InsertionMapOptions): EncodedSourceMap {
  // A mapped line takes about twice its length in mappings.
  const writer = new MappingsWriter(options.lines === 'all' ? 2 * source.length : 1024);
  let next = 0; // the next insertion
  let nextAt = insertions.length > 0 ? insertions[0]!.at : Infinity;
  for (let lineStart = 0, line = 0; lineStart <= source.length; line++) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    if (nextAt <= lineEnd || options.lines === 'all') {
      let generated = 0;
      let inWord = false;
      for (let at = lineStart; at < lineEnd; at++) {
        // After inserted text a segment starts again, word or not (as after a magic-string edit).
        while (nextAt === at) {
          generated += insertions[next++]!.text.length;
          nextAt = next < insertions.length ? insertions[next]!.at : Infinity;
          inWord = false;
        }
        const code = source.charCodeAt(at);
        const word = (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95; // \w
        if (!word || !inWord) writer.segment(generated, line, at - lineStart);
        inWord = word;
        generated++;
      }
    }
    // Insertions at the line's end (before its line break) change it but start no segment.
    while (nextAt <= lineEnd) nextAt = ++next < insertions.length ? insertions[next]!.at : Infinity;
    writer.nextLine();
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { version: 3, file: options.file, sources: [options.file], names: [], mappings: writer.mappings() };
}

/** Writes the `mappings` field (base64 VLQ, each field relative to the one before it) as bytes. */
class MappingsWriter {
  private bytes: Uint8Array;
  private length = 0;
  private lineHasSegment = false;
  private column = 0;
  private originalLine = 0;
  private originalColumn = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(capacity, 64));
  }

  /** A segment: generated column of the current line -> original line and column of source 0. */
  segment(column: number, originalLine: number, originalColumn: number): void {
    if (this.length + 32 > this.bytes.length) this.grow();
    if (this.lineHasSegment) this.bytes[this.length++] = 44; // ','
    this.lineHasSegment = true;
    this.vlq(column - this.column);
    this.bytes[this.length++] = 65; // 'A': source 0, always
    this.vlq(originalLine - this.originalLine);
    this.vlq(originalColumn - this.originalColumn);
    this.column = column;
    this.originalLine = originalLine;
    this.originalColumn = originalColumn;
  }

  nextLine(): void {
    if (this.length + 1 > this.bytes.length) this.grow();
    this.bytes[this.length++] = 59; // ';'
    this.lineHasSegment = false;
    this.column = 0;
  }

  /** The mappings, without the separator after the last line. */
  mappings(): string {
    return Buffer.from(this.bytes.buffer, 0, Math.max(this.length - 1, 0)).toString('latin1');
  }

  private vlq(value: number): void {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      this.bytes[this.length++] = BASE64_CODES[digit]!;
    } while (rest > 0);
  }

  private grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_CODES = Uint8Array.from(BASE64, (c) => c.charCodeAt(0));
