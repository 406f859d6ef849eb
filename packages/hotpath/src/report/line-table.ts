/**
 * The line table, exactly as line_profiler's `kernprof -l -v` prints it (show_func): per
 * function `Timer unit`, `Total time`, `File`, `Function: NAME at line N`, then one row per
 * line of the function's source up to its closing brace (the frame's `endLine`), blank and
 * comment lines included without figures. The capture's notes (sampling error, what the
 * times include) come once, as `Note:` lines between `Timer unit` and the first function.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LineStats, Profile } from '../model/profile.js';
import { threadLabel } from '../model/threads.js';

/** Units of `-u/--unit`, in seconds. */
export const LINE_UNITS = { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 } as const;
/** A unit of the table. */
export type LineUnit = keyof typeof LINE_UNITS;

/** Options of {@link renderLineTable}. */
export interface LineTableOptions {
  /** Unit of the Time and Per Hit columns (default `us`, as kernprof). */
  unit?: LineUnit;
  /** Leave out functions that took no time (kernprof's `--skip-zero`). */
  skipZero?: boolean;
  /** Functions by ascending total time, the slowest last (line_profiler's `--sort`). */
  sort?: boolean;
  /** Reads a source file; `null` when it cannot (rows then show no contents). */
  readSource?: (file: string) => string | null;
}

const TEMPLATE_WIDTHS = [6, 9, 12, 8, 8] as const;
const HEADER = row(['Line #', 'Hits', 'Time', 'Per Hit', '% Time'], 'Line Contents');

/** Renders every function of the profile that has line stats, in file and line order (or by time). */
export function renderLineTable(profile: Profile, options: LineTableOptions = {}): string {
  const unit = LINE_UNITS[options.unit ?? 'us'];
  const read = options.readSource ?? readText;
  const byFrame = linesByFrame(profile);
  const totalOf = (frame: number): number => byFrame.get(frame)!.reduce((sum, l) => sum + l.time, 0);
  const frames = [...byFrame.keys()].sort((a, b) => {
    const fa = profile.frames[a]!,
      fb = profile.frames[b]!;
    return (options.sort ? totalOf(a) - totalOf(b) : 0) || fa.file.localeCompare(fb.file) || fa.line - fb.line;
  });
  let out = `Timer unit: ${pyG(unit)} s\n\n`;
  if (profile.meta.notes.length > 0) out += `${profile.meta.notes.map((note) => `Note: ${note}\n`).join('')}\n`;
  for (const frame of frames) {
    const lines = byFrame.get(frame)!;
    const total = totalOf(frame);
    if (options.skipZero && total === 0) continue;
    out += renderFunction(profile, frame, lines, total, unit, read);
  }
  return out;
}

/** The profile's line stats grouped by function (frame), in their order. */
export function linesByFrame(profile: Profile): Map<number, LineStats[]> {
  const byFrame = new Map<number, LineStats[]>();
  for (const stats of profile.lines ?? []) {
    const list = byFrame.get(stats.frame);
    if (list) list.push(stats);
    else byFrame.set(stats.frame, [stats]);
  }
  return byFrame;
}

/** A function's lines to show: from its first line to its last (the frame's `endLine`, or its last line with figures). */
export function functionLines(profile: Profile, frame: number, lines: readonly LineStats[]): { first: number; last: number } {
  const f = profile.frames[frame]!;
  // A file written before frames had `endLine` shows up to its last line with figures.
  let last = f.endLine ?? 0;
  for (const stats of lines) last = Math.max(last, stats.line);
  return { first: f.line, last };
}

/** A file as the tables name it: relative to the profile's working directory where it is under it. */
export function shownFile(profile: Profile, file: string): string {
  return path.isAbsolute(file) ? path.relative(profile.meta.cwd, file) || file : file;
}

function renderFunction(profile: Profile, frame: number, lines: LineStats[], totalNs: number, unit: number, read: (file: string) => string | null): string {
  const f = profile.frames[frame]!;
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const { last } = functionLines(profile, frame, lines);
  const text = read(f.file)?.split(/\r?\n/) ?? [];
  const shown = shownFile(profile, f.file);
  const thread = threadLabel(profile, f);
  let out = `Total time: ${pyG(totalNs / 1e9)} s\nFile: ${shown}\nFunction: ${f.name} at line ${f.line}${thread ? `\nThread: ${thread}` : ''}\n\n`;
  out += `${HEADER}\n${'='.repeat(HEADER.length)}\n`;
  for (let line = f.line; line <= last; line++) {
    const contents = (text[line - 1] ?? '').replace(/\r$/, '');
    const stats = byLine.get(line);
    out += `${stats && stats.hits !== 0 ? figures(line, stats, totalNs, unit) : row([String(line), '', '', '', ''], contents)}`;
    if (stats && stats.hits !== 0) out += contents;
    out += '\n';
  }
  return `${out}\n`;
}

/** Line number and figures of a row; line_profiler's formats (`%5.1f`, `%5.1g` where too wide). */
function figures(line: number, stats: LineStats, totalNs: number, unit: number): string {
  const time = stats.time / 1e9 / unit;
  const hits = stats.hits;
  const perHit = hits ? time / hits : null;
  const percent = totalNs > 0 ? (100 * stats.time) / totalNs : 0;
  const timeText = fit(time, 12);
  return row([String(line), hits === null ? '' : String(hits), timeText, perHit === null ? '' : fit(perHit, 8), pyF(percent, 1)], '');
}

function fit(value: number, width: number): string {
  const fixed = pyF(value, 1);
  return fixed.length > width ? pyG(value, 1) : fixed;
}

/** `'%6s %9s %12s %8s %8s  %-s' % (...)`, line_profiler's row template. */
function row(cells: string[], contents: string): string {
  return `${cells.map((cell, i) => cell.padStart(TEMPLATE_WIDTHS[i]!)).join(' ')}  ${contents}`;
}

/** Python's `'%.Nf' % value`. */
function pyF(value: number, digits: number): string {
  return value.toFixed(digits);
}

/** Python's `'%.Ng' % value` (default precision 6): shortest of fixed and exponent form, zeros trimmed. */
export function pyG(value: number, precision = 6): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(value.toPrecision(precision)))));
  if (exponent < -4 || exponent >= precision) {
    const [mantissa, exp] = value.toExponential(precision - 1).split('e');
    const e = Number(exp);
    return `${trimZeros(mantissa!)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return trimZeros(value.toFixed(Math.max(0, precision - 1 - exponent)));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** The file's text; `null` when it cannot be read. */
export function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
