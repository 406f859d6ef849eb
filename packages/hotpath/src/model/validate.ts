// A small hand-written shape check for profiles read from disk. It names the first bad
// field (`functions[3].calls`) so a user can tell a damaged file from a tool bug; it checks
// types, enumerations and frame/node indices, not statistical plausibility.
import type { Profile } from './profile.js';

/** Thrown by {@link checkProfileShape} with the path of the first bad field. */
export class ShapeError extends Error {
  constructor(
    readonly field: string,
    expected: string,
  ) {
    super(`${field} must be ${expected}`);
    this.name = 'ShapeError';
  }
}

type Json = Record<string, unknown>;

const CATEGORIES = ['user', 'node_modules', 'node', 'native', 'special'];
const MODES = ['sample', 'trace', 'imported'];
const COUNT_EXACTNESS = ['exact', 'estimated', 'none'];
const TIME_EXACTNESS = ['sampled', 'measured'];

/**
 * Checks that `value` has the shape of a {@link Profile} (extra fields are allowed, for
 * forward compatibility within one format version). Throws {@link ShapeError} otherwise.
 */
export function checkProfileShape(value: unknown): asserts value is Profile {
  const profile = object(value, 'profile');
  if (profile.unit !== 'ns') throw new ShapeError('unit', '"ns"');
  checkMeta(object(profile.meta, 'meta'));
  const frameCount = array(profile.frames, 'frames').length;
  eachObject(profile.frames, 'frames', checkFrame);
  const frameIndex = (field: string, v: unknown): void => index(v, field, frameCount);
  eachObject(profile.functions, 'functions', (f, at) => {
    frameIndex(`${at}.frame`, f.frame);
    checkCountsAndTimes(f, at);
  });
  eachObject(profile.edges, 'edges', (e, at) => {
    frameIndex(`${at}.caller`, e.caller);
    frameIndex(`${at}.callee`, e.callee);
    checkCountsAndTimes(e, at);
  });
  if (profile.tree !== undefined) checkTree(profile.tree, frameIndex);
  if (profile.lines !== undefined) {
    eachObject(profile.lines, 'lines', (l, at) => {
      frameIndex(`${at}.frame`, l.frame);
      integer(l.line, `${at}.line`);
      countOrNull(l.hits, `${at}.hits`);
      time(l.time, `${at}.time`);
    });
  }
}

function checkMeta(meta: Json): void {
  stringArray(meta.command, 'meta.command');
  oneOf(meta.mode, 'meta.mode', MODES);
  if (meta.interval !== null) time(meta.interval, 'meta.interval', 'a number of ns or null');
  for (const key of ['startTime', 'nodeVersion', 'cwd', 'hotpathVersion'] as const) {
    string(meta[key], `meta.${key}`);
  }
  time(meta.duration, 'meta.duration');
  if (meta.exitCode !== null && !Number.isSafeInteger(meta.exitCode)) {
    throw new ShapeError('meta.exitCode', 'an integer or null');
  }
  if (meta.signal !== null) string(meta.signal, 'meta.signal', 'a string or null');
  const exactness = object(meta.exactness, 'meta.exactness');
  oneOf(exactness.calls, 'meta.exactness.calls', COUNT_EXACTNESS);
  oneOf(exactness.edges, 'meta.exactness.edges', COUNT_EXACTNESS);
  oneOf(exactness.time, 'meta.exactness.time', TIME_EXACTNESS);
  stringArray(meta.notes, 'meta.notes');
}

function checkFrame(frame: Json, at: string): void {
  string(frame.name, `${at}.name`);
  string(frame.file, `${at}.file`);
  integer(frame.line, `${at}.line`);
  integer(frame.column, `${at}.column`);
  oneOf(frame.category, `${at}.category`, CATEGORIES);
  // Optional (added within format version 1): older files lack them.
  if (frame.endLine !== undefined) integer(frame.endLine, `${at}.endLine`);
  if (frame.sourceHash !== undefined) string(frame.sourceHash, `${at}.sourceHash`);
  if (frame.thread !== undefined) integer(frame.thread, `${at}.thread`);
}

function checkCountsAndTimes(stats: Json, at: string): void {
  countOrNull(stats.calls, `${at}.calls`);
  countOrNull(stats.primitiveCalls, `${at}.primitiveCalls`);
  time(stats.self, `${at}.self`);
  time(stats.total, `${at}.total`);
}

// The tree must keep the model's invariants the renderers rely on: ids equal positions,
// and parents come before children (inclusiveTimes walks it backwards once).
function checkTree(tree: unknown, frameIndex: (field: string, v: unknown) => void): void {
  eachObject(tree, 'tree', (node, at, i) => {
    if (node.id !== i) throw new ShapeError(`${at}.id`, `its position (${i})`);
    if (i === 0 && node.parent !== -1) throw new ShapeError(`${at}.parent`, '-1 for the root');
    if (i > 0 && !isIndexBelow(node.parent, i)) {
      throw new ShapeError(`${at}.parent`, 'the id of an earlier node');
    }
    frameIndex(`${at}.frame`, node.frame);
    countOrNull(node.calls, `${at}.calls`);
    time(node.self, `${at}.self`);
  });
}

function eachObject(value: unknown, field: string, check: (item: Json, at: string, i: number) => void): void {
  array(value, field).forEach((item, i) => check(object(item, `${field}[${i}]`), `${field}[${i}]`, i));
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(field, 'an object');
  }
  return value as Json;
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(field, 'an array');
  return value;
}

function string(value: unknown, field: string, expected = 'a string'): void {
  if (typeof value !== 'string') throw new ShapeError(field, expected);
}

function stringArray(value: unknown, field: string): void {
  array(value, field).forEach((item, i) => string(item, `${field}[${i}]`));
}

function integer(value: unknown, field: string, expected = 'a non-negative integer'): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new ShapeError(field, expected);
}

// Times are integer ns by convention, but a fractional value is harmless to every reader,
// so a file is not rejected for one.
function time(value: unknown, field: string, expected = 'a non-negative number of ns'): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ShapeError(field, expected);
  }
}

function countOrNull(value: unknown, field: string): void {
  if (value !== null) integer(value, field, 'a non-negative integer or null');
}

function index(value: unknown, field: string, length: number): void {
  if (!isIndexBelow(value, length)) throw new ShapeError(field, `a frame index below ${length}`);
}

function isIndexBelow(value: unknown, length: number): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < length;
}

function oneOf(value: unknown, field: string, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ShapeError(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}
