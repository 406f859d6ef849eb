// The source files a report inlines: read when the report is written, since the report must
// open anywhere later. Only files of functions the profile has stats for are read, each up to
// a size limit and all together up to a budget, so a profile of a large program cannot make a
// report of hundreds of megabytes. A file over the size limit (tsc's 5.9 MiB _tsc.js) still
// gets the lines of its functions: each function's first lines, as excerpts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame } from '../model/profile.js';
import type { ViewSource } from './page/data.js';

/** Limits on inlined sources. */
export interface SourceLimits {
  /** Largest file inlined, bytes. */
  maxFileBytes: number;
  /** All inlined files together, bytes. */
  maxTotalBytes: number;
}

/** 1 MiB a file, 16 MiB in all. */
export const DEFAULT_SOURCE_LIMITS: SourceLimits = { maxFileBytes: 1 << 20, maxTotalBytes: 16 << 20 };

/** Lines kept of each function of a file too large to inline: from 2 above its start. */
export const EXCERPT_LINES = 120;
/** Files larger than this are not read at all, not even for excerpts. */
const MAX_READ_BYTES = 256 << 20;

/** The sources read, and for each frame its index in them (-1: none). */
export interface ReadSources {
  sources: ViewSource[];
  sourceOf: number[];
}

/**
 * Reads the files of `frames` whose index is in `wanted`, once per file.
 * @param shownFile - the file as the report shows it, by frame index.
 * @param cwd - the profiled program's working directory, for relative paths.
 * @param startTime - when the profile was taken (ISO 8601): a file changed since is flagged.
 */
export function readSources(
  frames: readonly Frame[],
  wanted: ReadonlySet<number>,
  shownFile: readonly string[],
  cwd: string,
  startTime: string,
  limits: SourceLimits = DEFAULT_SOURCE_LIMITS,
): ReadSources {
  const sources: ViewSource[] = [];
  const byPath = new Map<string, number>();
  let budget = limits.maxTotalBytes;
  const files = frames.map((frame, i) => (wanted.has(i) ? localPath(frame, cwd) : null));
  const starts = new Map<string, number[]>(); // file -> the start lines of its functions
  files.forEach((file, i) => file !== null && starts.set(file, [...(starts.get(file) ?? []), frames[i]!.line]));
  const sourceOf = frames.map((_, i) => {
    const file = files[i]!;
    if (file === null) return -1;
    let index = byPath.get(file);
    if (index === undefined) {
      const source = readOne(file, shownFile[i]!, Date.parse(startTime), { ...limits, maxTotalBytes: budget }, starts.get(file)!);
      budget -= source.text?.length ?? source.excerpts?.reduce((sum, e) => sum + e.text.length, 0) ?? 0;
      index = sources.push(source) - 1;
      byPath.set(file, index);
    }
    return index;
  });
  return { sources, sourceOf };
}

// The path to read for a frame, or null for frames without a file of the user's (built-ins,
// `node:` modules, folded groups).
function localPath(frame: Frame, cwd: string): string | null {
  if (frame.category !== 'user' && frame.category !== 'node_modules') return null;
  if (frame.file === '' || frame.file.startsWith('node:')) return null;
  try {
    const file = frame.file.startsWith('file://') ? fileURLToPath(frame.file) : frame.file;
    return path.resolve(cwd || '.', file);
  } catch {
    return null; // a URL of another scheme: nothing to read
  }
}

function readOne(file: string, shown: string, started: number, limits: SourceLimits, starts: number[]): ViewSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { file: shown, text: null, note: `${shown} was not found when the report was written` };
  }
  if (!stat.isFile()) return { file: shown, text: null, note: `${shown} is not a file` };
  const whole = stat.size <= limits.maxFileBytes;
  if (stat.size > MAX_READ_BYTES) return { file: shown, text: null, note: `${shown} is too large to read (${megabytes(stat.size)})` };
  const left = `${shown} was left out: the report's budget for sources is spent`;
  if (whole && stat.size > limits.maxTotalBytes) return { file: shown, text: null, note: left };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file: shown, text: null, note: `${shown} could not be read: ${(error as Error).message}` };
  }
  if (text.includes('\0')) return { file: shown, text: null, note: `${shown} is not a text file` };
  const changed = Number.isFinite(started) && stat.mtimeMs > started;
  const changedNote = changed ? `${shown} changed after the profile was taken: lines may not match` : null;
  if (whole) return { file: shown, text, note: changedNote };
  const excerpts = excerptsOf(text, starts);
  if (excerpts.reduce((sum, e) => sum + e.text.length, 0) > limits.maxTotalBytes) return { file: shown, text: null, note: left };
  const note = `${shown} is too large to inline whole (${megabytes(stat.size)}): the first ${EXCERPT_LINES} lines of each function are`;
  return { file: shown, text: null, excerpts, note: [note, changedNote].filter(Boolean).join('; ') };
}

// The lines from 2 above each start to EXCERPT_LINES below it, overlapping runs merged.
function excerptsOf(text: string, starts: number[]): Array<{ start: number; text: string }> {
  const lines = text.split(/\r?\n/);
  const runs: Array<[number, number]> = [];
  for (const line of [...new Set(starts)].filter((n) => n >= 1).sort((a, b) => a - b)) {
    const from = Math.max(1, line - 2);
    const to = Math.min(lines.length, line + EXCERPT_LINES - 3);
    const last = runs.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else runs.push([from, to]);
  }
  return runs.map(([from, to]) => ({ start: from, text: lines.slice(from - 1, to).join('\n') }));
}

function megabytes(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
