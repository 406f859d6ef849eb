/**
 * Files written atomically: a temporary file in the same directory (so the rename never
 * crosses file systems), flushed, then renamed over the target. A reader never sees a
 * half-written file; on failure an existing file is left as it was and no temporary file
 * stays behind. Every file hotpath writes goes through here: profiles, exports, the HTML
 * report, capture files, benchmark runs, the loader cache.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

/** Writes `data` to `file` atomically. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathBeside(file);
  try {
    const handle = await fsp.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
}

/** {@link writeFileAtomic}, synchronously: for exit handlers and signal paths. */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const temp = writeTempBesideSync(file, data);
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes `data` to a new, flushed temporary file beside `file` and returns its path, for
 * callers that put it in place their own way (a link that must not replace anything).
 * The caller removes it.
 */
export function writeTempBesideSync(file: string, data: string | Uint8Array): string {
  const temp = tempPathBeside(file);
  try {
    const fd = fs.openSync(temp, 'wx');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return temp;
}

// Hidden, and unique per process and call: no reader lists it, two writers never share it.
function tempPathBeside(file: string): string {
  const name = `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  return path.join(path.dirname(file), name);
}
