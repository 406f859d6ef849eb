// The check every profile read from disk passes before any table, exporter or the view sees
// it (hotpath files, and the profiles importers build). It names the first bad field
// (`functions[3].calls`) so a user can tell a damaged file from a tool bug, and it holds the
// file to the model's invariants and to the budgets of `limits.ts`: types and enumerations;
// numbers finite, non-negative and of sane size (-0 is read as 0); frame and node indices in
// range; each function and edge listed once; a tree whose parents come before their
// children (so it has no cycles), within a size and depth budget.
import { MAX_COUNT, MAX_DEPTH, MAX_FUNCTION_LINES, MAX_ITEMS, MAX_POSITION, MAX_TIME_NS } from './limits.js';
import { WEIGHT_UNITS, type Profile } from './profile.js';

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

const TIME = `a number of ns from 0 to ${MAX_TIME_NS}`;
const COUNT = `an integer from 0 to ${MAX_COUNT} or null`;
const POSITION = `an integer from 0 to ${MAX_POSITION}`;

/**
 * Checks that `value` has the shape of a {@link Profile} (extra fields are allowed, for
 * forward compatibility within one format version) and keeps the model's invariants.
 * Negative zeros are replaced by 0 in place. Throws {@link ShapeError} otherwise.
 */
export function checkProfileShape(value: unknown): asserts value is Profile {
  const profile = object(value, 'profile');
  oneOf(profile.unit, 'unit', WEIGHT_UNITS);
  if (profile.measure !== undefined) string(profile.measure, 'measure');
  checkMeta(object(profile.meta, 'meta'));
  const frames = list(profile.frames, 'frames');
  frames.forEach((frame, i) => checkFrame(object(frame, `frames[${i}]`), i));
  const frameCount = frames.length;
  checkStatsList(profile, 'functions', frameCount, (f) => [f.frame]);
  checkStatsList(profile, 'edges', frameCount, (e) => [e.caller, e.callee]);
  if (profile.tree !== undefined) checkTree(list(profile.tree, 'tree'), frameCount);
  if (profile.lines !== undefined) checkLines(list(profile.lines, 'lines'), frames as Json[], profile.unit === 'bytes');
  if (profile.timelines !== undefined) checkTimelines(list(profile.timelines, 'timelines'), profile.tree);
}

function checkMeta(meta: Json): void {
  stringArray(meta.command, 'meta.command');
  oneOf(meta.mode, 'meta.mode', MODES);
  // An interval is a positive length: a 0 ns interval would lay out endless samples.
  if (meta.interval !== null) {
    meta.interval = time(meta.interval, 'meta.interval', `a number of ns from 1 to ${MAX_TIME_NS}, or null`);
    if ((meta.interval as number) < 1) throw new ShapeError('meta.interval', `a number of ns from 1 to ${MAX_TIME_NS}, or null`);
  }
  for (const key of ['startTime', 'nodeVersion', 'cwd', 'hotpathVersion'] as const) {
    string(meta[key], `meta.${key}`);
  }
  meta.duration = time(meta.duration, 'meta.duration');
  if (meta.exitCode !== null && !Number.isSafeInteger(meta.exitCode)) {
    throw new ShapeError('meta.exitCode', 'an integer or null');
  }
  if (meta.signal !== null) string(meta.signal, 'meta.signal', 'a string or null');
  if (meta.cutShort !== undefined) string(meta.cutShort, 'meta.cutShort');
  const exactness = object(meta.exactness, 'meta.exactness');
  oneOf(exactness.calls, 'meta.exactness.calls', COUNT_EXACTNESS);
  oneOf(exactness.edges, 'meta.exactness.edges', COUNT_EXACTNESS);
  oneOf(exactness.time, 'meta.exactness.time', TIME_EXACTNESS);
  stringArray(meta.notes, 'meta.notes');
  // Optional (added within format version 1).
  if (meta.unmatchedTargets !== undefined) {
    list(meta.unmatchedTargets, 'meta.unmatchedTargets').forEach((value, i) => {
      const item = object(value, `meta.unmatchedTargets[${i}]`);
      string(item.target, `meta.unmatchedTargets[${i}].target`);
      string(item.message, `meta.unmatchedTargets[${i}].message`);
    });
  }
}

function checkFrame(frame: Json, i: number): void {
  const at = (key: string): string => `frames[${i}].${key}`;
  string(frame.name, at('name'));
  string(frame.file, at('file'));
  frame.line = position(frame.line, at('line'));
  frame.column = position(frame.column, at('column'));
  oneOf(frame.category, at('category'), CATEGORIES);
  // Optional (added within format version 1): older files lack them.
  if (frame.endLine !== undefined) {
    frame.endLine = position(frame.endLine, at('endLine'));
    const line = frame.line as number;
    if ((frame.endLine as number) < line || (frame.endLine as number) - line > MAX_FUNCTION_LINES) {
      throw new ShapeError(at('endLine'), `a line from its line (${line}) to ${line + MAX_FUNCTION_LINES}`);
    }
  }
  if (frame.sourceHash !== undefined) string(frame.sourceHash, at('sourceHash'));
  if (frame.thread !== undefined) frame.thread = position(frame.thread, at('thread'));
}

// Functions (one per frame) and edges (one per caller -> callee pair): indices in range,
// counts and times in range, no entry twice (two rows for one function would both be shown
// and both summed into every total).
function checkStatsList(profile: Json, field: 'functions' | 'edges', frameCount: number, refs: (item: Json) => unknown[]): void {
  const seen = new Set<number>();
  list(profile[field], field).forEach((value, i) => {
    const at = `${field}[${i}]`;
    const item = object(value, at);
    const keys = field === 'functions' ? ['frame'] : ['caller', 'callee'];
    const ids = refs(item).map((ref, k) => frameIndex(ref, `${at}.${keys[k]}`, frameCount));
    const key = ids.length === 1 ? ids[0]! : ids[0]! * frameCount + ids[1]!;
    if (seen.has(key)) throw new ShapeError(at, `listed once (an earlier entry has the same ${keys.join(' and ')})`);
    seen.add(key);
    item.calls = countOrNull(item.calls, `${at}.calls`);
    item.primitiveCalls = countOrNull(item.primitiveCalls, `${at}.primitiveCalls`);
    item.self = time(item.self, `${at}.self`);
    item.total = time(item.total, `${at}.total`);
  });
}

// The tree must keep the invariants the walks rely on: ids equal positions, and parents come
// before children (inclusiveTimes walks it backwards once), which also rules out cycles.
function checkTree(tree: unknown[], frameCount: number): void {
  const depth = new Int32Array(tree.length);
  tree.forEach((value, i) => {
    const at = `tree[${i}]`;
    const node = object(value, at);
    if (node.id !== i) throw new ShapeError(`${at}.id`, `its position (${i})`);
    if (i === 0 && node.parent !== -1) throw new ShapeError(`${at}.parent`, '-1 for the root');
    if (i > 0) {
      if (!isIndexBelow(node.parent, i)) throw new ShapeError(`${at}.parent`, 'the id of an earlier node');
      depth[i] = depth[node.parent as number]! + 1;
      if (depth[i]! > MAX_DEPTH) throw new ShapeError(at, `at most ${MAX_DEPTH} calls deep`);
    }
    frameIndex(node.frame, `${at}.frame`, frameCount);
    node.calls = countOrNull(node.calls, `${at}.calls`);
    node.self = time(node.self, `${at}.self`);
  });
}

function checkLines(lines: unknown[], frames: Json[], bytes: boolean): void {
  lines.forEach((value, i) => {
    const at = `lines[${i}]`;
    const stats = object(value, at);
    const frame = frames[frameIndex(stats.frame, `${at}.frame`, frames.length)]!;
    stats.line = position(stats.line, `${at}.line`);
    const first = frame.line as number;
    // Tables show a function from its first line to its last line with figures.
    if (Math.abs((stats.line as number) - first) > MAX_FUNCTION_LINES) {
      throw new ShapeError(`${at}.line`, `within ${MAX_FUNCTION_LINES} lines of its function's line (${first})`);
    }
    stats.hits = countOrNull(stats.hits, `${at}.hits`);
    // A memory line's Increment goes down where a collection freed more than it allocated.
    stats.time = bytes ? signed(stats.time, `${at}.time`) : time(stats.time, `${at}.time`);
    if (stats.memory !== undefined) stats.memory = time(stats.memory, `${at}.memory`, 'a number of bytes, not negative');
  });
}

// Sample timelines (timeline.ts): in the file's form (plain arrays, durations in `step`s) or
// the model's (typed arrays, as importers build them). Each sample lands on a node of the tree
// or is a gap (-1); the durations must add up to a time, so no reader sums them to Infinity.
function checkTimelines(timelines: unknown[], tree: unknown): void {
  if (!Array.isArray(tree)) throw new ShapeError('timelines', 'absent in a profile without a tree');
  const threads = new Set<number>();
  timelines.forEach((value, i) => {
    const at = (key: string): string => `timelines[${i}].${key}`;
    const timeline = object(value, `timelines[${i}]`);
    timeline.thread = position(timeline.thread, at('thread'));
    if (threads.has(timeline.thread as number)) throw new ShapeError(at('thread'), 'listed once (an earlier timeline has the same thread)');
    threads.add(timeline.thread as number);
    timeline.start = time(timeline.start, at('start'));
    const step = timeline.step === undefined ? 1 : integer(timeline.step, at('step'), MAX_TIME_NS, `an integer of ns from 1 to ${MAX_TIME_NS}`);
    if (step < 1) throw new ShapeError(at('step'), `an integer of ns from 1 to ${MAX_TIME_NS}`);
    const nodes = numbers(timeline.nodes, at('nodes'));
    const durations = numbers(timeline.durations, at('durations'));
    if (durations.length !== nodes.length) throw new ShapeError(at('durations'), `as long as its nodes (${nodes.length})`);
    for (let s = 0; s < nodes.length; s++) {
      const node = nodes[s]!;
      if (!(Number.isInteger(node) && node >= -1 && node < tree.length)) throw new ShapeError(`${at('nodes')}[${s}]`, `a tree node id below ${tree.length}, or -1`);
    }
    let sum = 0;
    for (let s = 0; s < durations.length; s++) {
      sum += durations[s]! * step;
      if (!(durations[s]! >= 0 && sum <= MAX_TIME_NS)) throw new ShapeError(`${at('durations')}[${s}]`, `a number from 0 up, all of them adding up to at most ${MAX_TIME_NS} ns`);
    }
  });
}

// An array (or typed array) of numbers, of sane length.
function numbers(value: unknown, field: string): ArrayLike<number> {
  const items = ArrayBuffer.isView(value) && !(value instanceof DataView) ? (value as unknown as ArrayLike<unknown>) : list(value, field);
  if (items.length > MAX_ITEMS) throw new ShapeError(field, `an array of at most ${MAX_ITEMS} entries`);
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'number') throw new ShapeError(`${field}[${i}]`, 'a number');
  return items as ArrayLike<number>;
}

function signed(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(Math.abs(value) <= MAX_TIME_NS)) throw new ShapeError(field, 'a number of bytes');
  return value + 0;
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ShapeError(field, 'an object');
  }
  return value as Json;
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(field, 'an array');
  if (value.length > MAX_ITEMS) throw new ShapeError(field, `an array of at most ${MAX_ITEMS} entries`);
  return value;
}

function string(value: unknown, field: string, expected = 'a string'): void {
  if (typeof value !== 'string') throw new ShapeError(field, expected);
}

function stringArray(value: unknown, field: string): void {
  list(value, field).forEach((item, i) => string(item, `${field}[${i}]`));
}

// `x + 0` turns -0 into 0 and leaves every other number as it is.
function integer(value: unknown, field: string, max: number, expected: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0 || (value as number) > max) throw new ShapeError(field, expected);
  return (value as number) + 0;
}

function position(value: unknown, field: string): number {
  return integer(value, field, MAX_POSITION, POSITION);
}

// Times are integer ns by convention, but a fractional value is harmless to every reader,
// so a file is not rejected for one.
function time(value: unknown, field: string, expected = TIME): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= MAX_TIME_NS)) throw new ShapeError(field, expected);
  return value + 0;
}

function countOrNull(value: unknown, field: string): number | null {
  return value === null ? null : integer(value, field, MAX_COUNT, COUNT);
}

function frameIndex(value: unknown, field: string, length: number): number {
  if (!isIndexBelow(value, length)) throw new ShapeError(field, `a frame index below ${length}`);
  return value as number;
}

function isIndexBelow(value: unknown, length: number): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < length;
}

function oneOf(value: unknown, field: string, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new ShapeError(field, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
}
