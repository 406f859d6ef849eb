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
