// One row per function as the tables show it: its display name, and the order and
// restrictions (filter, name, limit) pstats applies before printing.
import * as path from 'node:path';
import { displayFile, localFile } from '../model/frames.js';
import type { Frame, FunctionStats, Profile } from '../model/profile.js';
import { threadLabel } from '../model/threads.js';
import { pythonRepr } from './format.js';

/** A function of the profile, ready to sort and print. */
export interface Row {
  stats: FunctionStats;
  frame: Frame;
  /** The file as shown: relative to the profile's cwd, or its basename with strip-dirs. */
  file: string;
  /** pstats' `file:line(name)`, or `{name}` for a frame without a file (pstats' built-ins). */
  label: string;
}

/** How file names are shown. */
export interface NameOptions {
  /** Show files by their base name, like pstats' strip_dirs() (display only). */
  stripDirs?: boolean;
}

/** The rows of every function of a profile, in the profile's order. */
export function functionRows(profile: Profile, options: NameOptions = {}): Row[] {
  const labels = frameLabels(profile, options);
  return profile.functions.map((stats) => ({
    stats,
    frame: profile.frames[stats.frame]!,
    file: labels.files[stats.frame]!,
    label: labels.labels[stats.frame]!,
  }));
}

/** Display file and label of every frame, by frame index. */
export function frameLabels(profile: Profile, options: NameOptions = {}): { files: string[]; labels: string[] } {
  const strip = options.stripDirs ?? false;
  const files = profile.frames.map((frame) => tableFile(frame.file, profile.meta.cwd, strip));
  const labels = profile.frames.map((frame, i) => withThread(frameLabel(frame, files[i]!), threadLabel(profile, frame)));
  return { files, labels };
}

// `--threads separate`: each row says its thread, `render.ts:3(render) [worker 1 (render.ts)]`.
function withThread(label: string, thread: string): string {
  return thread === '' ? label : `${label} [${thread}]`;
}

function frameLabel(frame: Frame, file: string): string {
  if (file !== '') return `${file}:${frame.line}(${frame.name})`;
  // pstats prints its built-ins `<built-in method exec>` as `{built-in method exec}`; the
  // folded `<node internals>` reads the same way.
  const { name } = frame;
  return name.startsWith('<') && name.endsWith('>') ? `{${name.slice(1, -1)}}` : name;
}

// pstats' strip_dirs(): the file's name alone (`node:fs` is already short).
function tableFile(file: string, cwd: string, stripDirs: boolean): string {
  if (!stripDirs || file.startsWith('node:')) return displayFile(file, cwd);
  return path.basename(localFile(file));
}

/**
 * The key pstats sorts call lists by: (file, line, name), with file-less frames filed under
 * `~` as pstats files its built-ins, so they come last.
 */
export function compareFrameKeys(a: Row | RowKey, b: Row | RowKey): number {
  return compareText(a.file === '' ? '~' : a.file, b.file === '' ? '~' : b.file) || a.frame.line - b.frame.line || compareText(a.frame.name, b.frame.name);
}

/** What {@link compareFrameKeys} needs of a row. */
export interface RowKey {
  file: string;
  frame: Pick<Frame, 'line' | 'name'>;
}

/** Code-point order, as Python compares strings (not locale order). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A pstats restriction: a regular expression to match, or a count or fraction to keep. */
export type Restriction = { kind: 'match'; source: string; test: (row: Row) => boolean } | { kind: 'limit'; amount: number };

/** Keeps the rows whose `file:line(name)` matches `pattern` (pstats' string restriction). */
export function labelMatch(pattern: string | RegExp): Restriction {
  const regex = toRegExp(pattern);
  return { kind: 'match', source: patternSource(pattern), test: (row) => regex.test(row.label) };
}

/** Keeps the rows whose function name or `file:line(name)` matches `pattern`. */
export function nameMatch(pattern: string | RegExp): Restriction {
  const regex = toRegExp(pattern);
  const test = (row: Row): boolean => regex.test(row.frame.name) || regex.test(row.label);
  return { kind: 'match', source: patternSource(pattern), test };
}

// The pattern as the user wrote it (RegExp.source would escape `/` as `\/`).
function patternSource(pattern: string | RegExp): string {
  return typeof pattern === 'string' ? pattern : pattern.source;
}

// A global or sticky regex keeps state between test() calls: drop those flags.
function toRegExp(pattern: string | RegExp): RegExp {
  if (typeof pattern === 'string') return new RegExp(pattern);
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}

/**
 * Applies restrictions in order, as pstats' print_stats(*amount) does: a count keeps the
 * first N rows, a fraction in (0, 1) keeps that share (rounded), a match keeps the matching
 * rows. Each restriction that drops rows adds pstats' `List reduced from X to Y` line.
 */
export function restrict(rows: readonly Row[], restrictions: readonly Restriction[]): { rows: Row[]; messages: string[] } {
  let kept = [...rows];
  const messages: string[] = [];
  for (const restriction of restrictions) {
    const before = kept.length;
    kept = applyRestriction(kept, restriction);
    if (kept.length !== before) {
      const shown = pythonRepr(restriction.kind === 'limit' ? restriction.amount : restriction.source);
      messages.push(`   List reduced from ${before} to ${kept.length} due to restriction <${shown}>`);
    }
  }
  return { rows: kept, messages };
}

function applyRestriction(rows: Row[], restriction: Restriction): Row[] {
  if (restriction.kind === 'match') return rows.filter(restriction.test);
  const { amount } = restriction;
  if (amount > 0 && amount < 1) return rows.slice(0, Math.trunc(rows.length * amount + 0.5));
  if (Number.isInteger(amount) && amount >= 0) return rows.slice(0, amount);
  return rows;
}
