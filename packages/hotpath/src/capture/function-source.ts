/**
 * A line capture's record of each picked function's source, kept in its {@link Frame}:
 * `endLine`, so the table can show every line to the closing brace, and `sourceHash`, so
 * `hotpath lines --show` never sums the stats of runs of different code.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Frame } from '../model/profile.js';
import { embeddedSource } from './source-maps.js';

/** Reads a source file; `null` when it cannot. */
export type ReadSource = (file: string) => string | null;

/** The sha1 (hex) of lines `line..endLine` (1-based, inclusive) of `text`, line ends normalised. */
export function sourceHash(text: string, line: number, endLine: number): string {
  const lines = text.split(/\r?\n/).slice(line - 1, endLine);
  return createHash('sha1').update(lines.join('\n')).digest('hex');
}

/** `frame` with its `endLine` and, where its file can be read, its `sourceHash`. */
export function withSource(frame: Frame, endLine: number, readSource: ReadSource = readSourceFile): Frame {
  const text = frame.file === '' ? null : readSource(frame.file);
  return text === null ? { ...frame, endLine } : { ...frame, endLine, sourceHash: sourceHash(text, frame.line, endLine) };
}

/**
 * Reads a source file as UTF-8, else its text from a source map's `sourcesContent` read in
 * this process; `null` when neither has it.
 */
export function readSourceFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return embeddedSource(file);
  }
}
