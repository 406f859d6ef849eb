/**
 * The loader's cache on disk: the JavaScript made from TypeScript files and parsed tsconfig
 * settings, one file per key. It lives in the user's own cache directory
 * (`$XDG_CACHE_HOME/hotpath`, else `~/.cache/hotpath`), never in a folder other users can
 * write to: code read from there is run. Entries are written atomically, so concurrent
 * programs see a whole entry or none; any failure to read or write only costs speed.
 * Entries older than 30 days are removed (looked for at most once a day, when something is
 * written), so files that no longer exist, or changed, do not pile up.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { writeFileAtomicSync } from '../atomic-file.js';
import { VERSION } from '../version.js';

let directory: string | null | undefined;

/** The cache directory of this user and hotpath version; `null` where none can be made safely. */
export function cacheDirectory(): string | null {
  if (directory === undefined) directory = safeCacheDirectory(process.env['XDG_CACHE_HOME'] || path.join(homedir(), '.cache'));
  return directory;
}

/** `base/hotpath/loader-VERSION`, made if missing; `null` where it is not this user's alone. */
export function safeCacheDirectory(base: string): string | null {
  try {
    const dir = path.join(base, 'hotpath', `loader-${VERSION}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = statSync(dir);
    const ownedByUs = typeof process.getuid !== 'function' || stat.uid === process.getuid();
    // Writable by others: another user could plant code the program would run.
    return ownedByUs && (stat.mode & 0o022) === 0 ? dir : null;
  } catch {
    return null;
  }
}

/** The entry under `key` (a hex digest with a prefix), or `null`. */
export function readCache(key: string): string | null {
  const dir = cacheDirectory();
  if (!dir) return null;
  try {
    return readFileSync(path.join(dir, key), 'utf8');
  } catch {
    return null;
  }
}

/** Stores `text` under `key`; a read-only or full disk is ignored. */
export function writeCache(key: string, text: string): void {
  const dir = cacheDirectory();
  if (!dir) return;
  try {
    writeFileAtomicSync(path.join(dir, key), text);
    pruneOnceADay(dir);
  } catch {
    // only costs speed
  }
}

const DAY_MS = 24 * 3600 * 1000;

function pruneOnceADay(dir: string): void {
  const marker = path.join(dir, '.pruned');
  const now = Date.now();
  try {
    if (now - statSync(marker).mtimeMs < DAY_MS) return;
    utimesSync(marker, new Date(now), new Date(now));
  } catch {
    writeFileSync(marker, '');
  }
  for (const name of readdirSync(dir)) {
    const entry = path.join(dir, name);
    if (!name.startsWith('.') && now - statSync(entry).mtimeMs > 30 * DAY_MS) rmSync(entry, { force: true });
  }
}
