/**
 * The hotpath profile file: the {@link Profile} as JSON in a versioned envelope,
 * `{ "format": "hotpath-profile", "version": 1, "unit": "ns", "meta": ..., ... }` (`unit`: what the weights measure, see {@link Profile.unit}).
 *
 * The marker and version come first, so even a truncated file says what it was. Files are
 * written atomically (a temporary file in the same directory, then a rename), so a reader
 * never sees a half-written profile, and an existing file survives a failed save.
 * A reader accepts every version up to {@link PROFILE_FORMAT_VERSION} and refuses newer
 * ones by name; fields it does not know are kept, so minor additions need no new version.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { writeFileAtomic, writeFileAtomicSync } from '../atomic-file.js';
import { MAX_FILE_BYTES } from './limits.js';
import type { Profile } from './profile.js';
import { decodeTimeline, encodeTimeline, type TimelineFile } from './timeline.js';
import { checkProfileShape, ShapeError } from './validate.js';

/** The `format` marker of a hotpath profile file. */
export const PROFILE_FORMAT = 'hotpath-profile';
/** The newest file format version this hotpath reads and the one it writes. */
export const PROFILE_FORMAT_VERSION = 1;

/** Why a file could not be loaded as a profile. */
export type ProfileFileErrorKind =
  | 'unreadable' // missing, a directory, no permission
  | 'not-a-profile' // not JSON, or JSON without the hotpath marker
  | 'corrupt' // a hotpath profile cut short or damaged
  | 'newer-version' // written by a newer hotpath
  | 'invalid'; // the right marker, but a field has the wrong shape

/** A profile file that cannot be read; the message names the file and says why, in one line. */
export class ProfileFileError extends Error {
  constructor(
    readonly kind: ProfileFileErrorKind,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProfileFileError';
  }
}

/** The JSON text of a profile file (the envelope plus the profile). */
export function serializeProfile(profile: Profile): string {
  const timelines = profile.timelines && { timelines: profile.timelines.map(encodeTimeline) };
  const envelope = { format: PROFILE_FORMAT, version: PROFILE_FORMAT_VERSION, ...profile, ...timelines };
  return `${JSON.stringify(envelope)}\n`;
}

/**
 * Parses and validates the text of a profile file.
 * @param source - the file's name, used in error messages.
 * @throws {@link ProfileFileError}
 */
export function parseProfile(text: string, source: string): Profile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw unparsable(text, source);
  }
  if (!isRecord(data) || data.format !== PROFILE_FORMAT) {
    throw new ProfileFileError('not-a-profile', source, `${source} is not a hotpath profile`);
  }
  const { format: _format, version, ...profile } = data;
  if (!Number.isSafeInteger(version) || (version as number) < 1) {
    throw invalid(source, 'version must be a positive integer');
  }
  if ((version as number) > PROFILE_FORMAT_VERSION) {
    const message = `${source} was written by a newer hotpath (format version ${version as number}; ` + `this one reads up to ${PROFILE_FORMAT_VERSION})`;
    throw new ProfileFileError('newer-version', source, message);
  }
  try {
    checkProfileShape(profile);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw invalid(source, error.message);
  }
  if (profile.timelines) profile.timelines = (profile.timelines as unknown as TimelineFile[]).map(decodeTimeline);
  return profile;
}

function invalid(source: string, why: string): ProfileFileError {
  return new ProfileFileError('invalid', source, `${source} is not a valid hotpath profile: ${why}`);
}

// A file that starts like one of ours but does not parse was cut short or damaged; anything
// else that does not parse is simply some other file.
function unparsable(text: string, source: string): ProfileFileError {
  const corrupt = `${source} is truncated or corrupt`;
  if (text.trim() === '') return new ProfileFileError('corrupt', source, `${corrupt} (the file is empty)`);
  if (/^\s*\{\s*"format"\s*:\s*"hotpath-profile"/.test(text)) {
    return new ProfileFileError('corrupt', source, corrupt);
  }
  return new ProfileFileError('not-a-profile', source, `${source} is not a hotpath profile`);
}

/**
 * Reads and validates a profile file.
 * @throws {@link ProfileFileError} naming the file, for every way the file can be unusable.
 */
export async function loadProfile(file: string): Promise<Profile> {
  let text: string;
  try {
    checkFileSize((await fsp.stat(file)).size, file);
    text = await fsp.readFile(file, 'utf8');
  } catch (error) {
    throw unreadableFile(error, file);
  }
  return parseProfile(text, file);
}

/** {@link loadProfile}, synchronously. */
export function loadProfileSync(file: string): Profile {
  let text: string;
  try {
    checkFileSize(fs.statSync(file).size, file);
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadableFile(error, file);
  }
  return parseProfile(text, file);
}

/**
 * Refuses a file larger than {@link MAX_FILE_BYTES} before reading it: V8 could not hold its
 * text, and would fail half-way with an engine error.
 * @throws {@link ProfileFileError} naming the file and its size.
 */
export function checkFileSize(size: number, file: string): void {
  if (size <= MAX_FILE_BYTES) return;
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  throw new ProfileFileError('unreadable', file, `${file} is too large to read (${mib(size)}; at most ${mib(MAX_FILE_BYTES)})`);
}

/** The {@link ProfileFileError} for a file that could not be read (missing, a directory, ...). */
export function unreadableFile(error: unknown, file: string): ProfileFileError {
  if (error instanceof ProfileFileError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? `${file} does not exist` : code === 'EISDIR' ? `${file} is a directory, not a profile` : `cannot read ${file}: ${(error as Error).message}`;
  return new ProfileFileError('unreadable', file, why);
}

/**
 * Writes a profile file atomically: the JSON goes to a temporary file in the same directory,
 * which is flushed and then renamed over `file`. A failure (serialisation included) leaves an
 * existing `file` as it was and no temporary file behind.
 */
export async function saveProfile(file: string, profile: Profile): Promise<void> {
  await writeFileAtomic(file, serializeProfile(profile)); // serialised first: it may throw
}

/**
 * {@link saveProfile}, synchronously: for `process.on('exit')` handlers and signal paths,
 * where no promise will be awaited.
 */
export function saveProfileSync(file: string, profile: Profile): void {
  writeFileAtomicSync(file, serializeProfile(profile));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
