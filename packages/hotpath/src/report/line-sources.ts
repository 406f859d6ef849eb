/**
 * The source of each function in a line profile, kept in the profile's notes as
 * `line source: NAME FILE:START-END sha1 HEX`: the lines the table shows (blank and comment
 * lines included, so the function's last line must be known), and a hash of their text, so
 * stats from runs of different code are never merged.
 */
import { createHash } from 'node:crypto';
import type { Frame, Profile } from '../model/profile.js';

const PREFIX = 'line source: ';
const NOTE = /^line source: (.*) (.+):(\d+)-(\d+) sha1 ([0-9a-f]+)$/;

/** A function's lines in its source file. */
export interface FunctionSource {
  name: string;
  file: string;
  line: number;
  endLine: number;
  /** sha1 of the lines' text. */
  hash: string;
}

/** The sha1 of lines `line..endLine` (1-based) of `text`. */
export function sourceHash(text: string, line: number, endLine: number): string {
  const lines = text.split(/\r?\n/).slice(line - 1, endLine);
  return createHash('sha1').update(lines.join('\n')).digest('hex');
}

/** The note recording `source`. */
export function sourceNote(source: FunctionSource): string {
  return `${PREFIX}${source.name} ${source.file}:${source.line}-${source.endLine} sha1 ${source.hash}`;
}

/** The recorded source of every function of the profile's notes. */
export function sourcesOf(profile: Profile): FunctionSource[] {
  return profile.meta.notes.flatMap((note) => {
    const m = NOTE.exec(note);
    return m ? [{ name: m[1]!, file: m[2]!, line: Number(m[3]), endLine: Number(m[4]), hash: m[5]! }] : [];
  });
}

/** The recorded source of `frame`, if any. */
export function sourceOf(profile: Profile, frame: Frame): FunctionSource | undefined {
  return sourcesOf(profile).find((s) => s.name === frame.name && s.file === frame.file && s.line === frame.line);
}

/** Whether a note is one of these (the table shows them as its own header, not as notes). */
export function isSourceNote(note: string): boolean {
  return note.startsWith(PREFIX);
}
