// The source files a report inlines: read when the report is written, since the report must
// open anywhere later. Only files of functions the profile has stats for are read, each up to
// a size limit and all together up to a budget, so a profile of a large program cannot make a
// report of hundreds of megabytes.
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
  const sourceOf = frames.map((frame, i) => {
    const file = wanted.has(i) ? localPath(frame, cwd) : null;
    if (file === null) return -1;
    let index = byPath.get(file);
    if (index === undefined) {
      const source = readOne(file, shownFile[i]!, Date.parse(startTime), limits.maxFileBytes, budget);
      budget -= source.text?.length ?? 0;
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

function readOne(file: string, shown: string, started: number, maxBytes: number, budget: number): ViewSource {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return { file: shown, text: null, note: `${shown} was not found when the report was written` };
  }
  if (!stat.isFile()) return { file: shown, text: null, note: `${shown} is not a file` };
  if (stat.size > maxBytes) return { file: shown, text: null, note: `${shown} is too large to inline (${megabytes(stat.size)})` };
  if (stat.size > budget) return { file: shown, text: null, note: `${shown} was left out: the report's budget for sources is spent` };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { file: shown, text: null, note: `${shown} could not be read: ${(error as Error).message}` };
  }
  if (text.includes('\0')) return { file: shown, text: null, note: `${shown} is not a text file` };
  const changed = Number.isFinite(started) && stat.mtimeMs > started;
  return { file: shown, text, note: changed ? `${shown} changed after the profile was taken: lines may not match` : null };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
}
