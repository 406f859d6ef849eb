/**
 * Reads a profile in any format hotpath can import, telling them apart by content, not name:
 * hotpath's own JSON file, or a V8 `.cpuprofile`. Anything else is refused with a
 * {@link ProfileFileError} that names the file and, where it can tell, what the file is; the
 * messages for hotpath files are those of `loadProfile`.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { checkFileSize, parseProfile, PROFILE_FORMAT, ProfileFileError, unreadableFile } from '../model/file.js';
import type { Profile } from '../model/profile.js';
import { checkProfileShape, ShapeError } from '../model/validate.js';
import { CpuProfileError, importCpuProfile, isCpuProfile } from './cpuprofile.js';

/**
 * Reads a hotpath profile or a V8 cpuprofile.
 * @throws {@link ProfileFileError} naming the file, for every way it can be unusable.
 */
export async function readAnyProfile(file: string): Promise<Profile> {
  let bytes: Buffer;
  let modified: Date;
  try {
    const stat = await fsp.stat(file);
    checkFileSize(stat.size, file);
    bytes = await fsp.readFile(file);
    modified = stat.mtime;
  } catch (error) {
    throw unreadableFile(error, file);
  }
  return parseAnyProfile(bytes, file, modified);
}

/** {@link readAnyProfile}, synchronously. */
export function readAnyProfileSync(file: string): Profile {
  let bytes: Buffer;
  let modified: Date;
  try {
    const stat = fs.statSync(file);
    checkFileSize(stat.size, file);
    bytes = fs.readFileSync(file);
    modified = stat.mtime;
  } catch (error) {
    throw unreadableFile(error, file);
  }
  return parseAnyProfile(bytes, file, modified);
}

/**
 * The profile in `bytes`, whatever its format.
 * @param source - the file's name, for messages.
 * @param modified - when the file was written: the start time of formats without one.
 */
export function parseAnyProfile(bytes: Uint8Array, source: string, modified: Date = new Date()): Profile {
  const text = Buffer.from(bytes).toString('utf8');
  if (/^\s*\{\s*"format"\s*:/.test(text) || text.trim() === '') return parseProfile(text, source);
  const data = parseJson(text);
  if (data === undefined) throw notJson(bytes, text, source);
  if (isRecord(data) && data.format === PROFILE_FORMAT) return parseProfile(text, source);
  if (isCpuProfile(data)) {
    try {
      const profile = importCpuProfile(data, source, modified.toISOString());
      checkProfileShape(profile); // odd field types (a string lineNumber) end here, not in a viewer
      return profile;
    } catch (error) {
      if (!(error instanceof CpuProfileError || error instanceof ShapeError)) throw error;
      throw new ProfileFileError('invalid', source, `${source} is not a valid cpuprofile: ${error.message}`);
    }
  }
  throw new ProfileFileError('not-a-profile', source, `${source} is not a hotpath profile${whatItIs(data)}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function notJson(bytes: Uint8Array, text: string, source: string): ProfileFileError {
  if (/^\s*\{\s*"nodes"\s*:/.test(text)) {
    return new ProfileFileError('corrupt', source, `${source} is a truncated or corrupt cpuprofile`);
  }
  // gzip's magic number; a marshalled dict ('{', or with marshal's reference flag 0x80).
  const kind = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is gzipped: a pprof file?)' : bytes[0] === 0x7b || bytes[0] === 0xfb ? ' (it looks like a Python pstats file)' : '';
  return new ProfileFileError('not-a-profile', source, `${source} is not a hotpath profile${kind}`);
}

// Names the formats people are likely to try, so the message says what to do instead; other
// files get the plain message that `loadProfile` gives.
function whatItIs(data: unknown): string {
  if (Array.isArray(data) || (isRecord(data) && 'traceEvents' in data)) {
    const how = 'save a .cpuprofile with node --cpu-prof or the JavaScript Profiler';
    return ` (it is a Chrome trace from the Performance panel: ${how})`;
  }
  if (isRecord(data) && typeof data.$schema === 'string' && data.$schema.includes('speedscope')) {
    return ' (it is a speedscope file, which hotpath writes but does not read)';
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
