/**
 * The memory table, as memory_profiler prints it (`show_results`): per function `Filename`,
 * then `Line #  Mem usage  Increment  Occurrences  Line Contents` for every line of the
 * function's source, in MiB with `precision` decimals. The capture's notes (what memory is
 * read) come once, as `Note:` lines before the first function.
 */
import type { LineStats, Profile } from '../model/profile.js';
import { threadLabel } from '../model/threads.js';
import { functionLines, linesByFrame, readText, shownFile } from './line-table.js';

/** Options of {@link renderMemoryTable}. */
export interface MemoryTableOptions {
  /** Decimals of the MiB figures (memory_profiler's `precision`; default 3). */
  precision?: number;
  /** Reads a source file; `null` when it cannot (rows then show no contents). */
  readSource?: (file: string) => string | null;
}

const MIB = 2 ** 20;

/** Renders every function of a memory line profile, in file and line order. */
export function renderMemoryTable(profile: Profile, options: MemoryTableOptions = {}): string {
  const precision = options.precision ?? 3;
  const read = options.readSource ?? readText;
  const byFrame = linesByFrame(profile);
  const frames = [...byFrame.keys()].sort((a, b) => {
    const [fa, fb] = [profile.frames[a]!, profile.frames[b]!];
    return fa.file.localeCompare(fb.file) || fa.line - fb.line;
  });
  let out = profile.meta.notes.length > 0 ? `${profile.meta.notes.map((note) => `Note: ${note}\n`).join('')}\n` : '';
  for (const frame of frames) out += renderFunction(profile, frame, byFrame.get(frame)!, precision, read);
  return out;
}

function renderFunction(profile: Profile, frame: number, lines: LineStats[], precision: number, read: (file: string) => string | null): string {
  const f = profile.frames[frame]!;
  const byLine = new Map(lines.map((l) => [l.line, l]));
  const { first, last } = functionLines(profile, frame, lines);
  const text = read(f.file)?.split(/\r?\n/) ?? [];
  const thread = threadLabel(profile, f);
  const header = row('Line #', 'Mem usage', 'Increment', 'Occurrences', 'Line Contents');
  let out = `Filename: ${shownFile(profile, f.file)}${thread ? `\nThread: ${thread}` : ''}\n\n${header}\n${'='.repeat(header.length)}\n`;
  for (let line = first; line <= last; line++) {
    const contents = (text[line - 1] ?? '').replace(/\r$/, '');
    const stats = byLine.get(line);
    if (!stats || !stats.hits) out += `${row(String(line), '', '', '', contents)}\n`;
    else out += `${row(String(line), mib(stats.memory, precision), mib(stats.time, precision), String(stats.hits), contents)}\n`;
  }
  return `${out}\n\n`;
}

/** `'{:>6} {:>12} {:>12}  {:>10}   {:<}'`, memory_profiler's row template. */
function row(line: string, usage: string, increment: string, occurrences: string, contents: string): string {
  return `${line.padStart(6)} ${usage.padStart(12)} ${increment.padStart(12)}  ${occurrences.padStart(10)}   ${contents}`;
}

/** `'{:N+4.Nf} MiB'`; blank where nothing was read. */
function mib(bytes: number | undefined, precision: number): string {
  return bytes === undefined ? '' : `${(bytes / MIB).toFixed(precision).padStart(precision + 4)} MiB`;
}
