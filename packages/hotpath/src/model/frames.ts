import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, FrameCategory } from './profile.js';

/** V8's pseudo-functions, which stand for states of the engine rather than code. */
const SPECIAL_NAMES = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/**
 * Where a function's code comes from, judged by its file and name: the tables fold Node
 * internals and third-party packages into one row each unless asked not to.
 */
export function frameCategory(file: string, name: string): FrameCategory {
  if (SPECIAL_NAMES.has(name) && file === '') return 'special';
  if (file === '') return 'native';
  if (file.startsWith('node:') || file.startsWith('internal/')) return 'node';
  if (/[\\/]node_modules[\\/]/.test(file)) return 'node_modules';
  return 'user';
}

/** A frame with its category filled in from its file and name. */
export function makeFrame(name: string, file: string, line: number, column: number): Frame {
  return { name, file, line, column, category: frameCategory(file, name) };
}

/** A frame's file as a local path (file: URLs converted), `''` when it has none. */
export function localFile(file: string): string {
  return file.startsWith('file://') ? fileURLToPath(file) : file;
}

/**
 * A frame's file for display, in tables and exported formats alike: relative to `cwd`
 * (the profile's) when inside it, else as it is (`node:fs` is already short).
 */
export function displayFile(file: string, cwd: string): string {
  const local = localFile(file);
  if (local === '' || cwd === '' || !path.isAbsolute(local)) return local;
  const relative = path.relative(cwd, local);
  const inside = relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative);
  return relative !== '' && inside ? relative : local;
}
