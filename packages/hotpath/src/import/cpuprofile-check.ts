/**
 * The check a `.cpuprofile` passes before it is imported: every field the importer reads has
 * its type and a sane range (`limits.ts`), and the nodes form one tree. A cpuprofile links its
 * nodes by `children` lists (V8) or `parent` ids (newer DevTools), so a damaged file can name
 * a node twice, a child that is not a node, a node as its own descendant, or two roots; each
 * is refused by name here instead of looping, dropping nodes or crashing a writer later.
 */
import { MAX_DEPTH, MAX_ITEMS, MAX_POSITION, MAX_TIME_NS } from '../model/limits.js';

/** Thrown when a value is not a usable cpuprofile; the message says what is wrong. */
export class CpuProfileError extends Error {}

/** The tree a valid cpuprofile's nodes form, by index in `nodes`. */
export interface TreeLinks {
  root: number;
  /** Child indices of each node, in the file's order. */
  children: number[][];
}

type Json = Record<string, unknown>;

// A third of the model's time budget each for the span and for the deltas, so that no node's
// self time (its samples' deltas, plus the last sample's run to endTime) exceeds it in ns.
const MAX_MICROS = Math.floor(MAX_TIME_NS / 3000);

/**
 * Checks `data` as a cpuprofile and returns the tree its nodes form.
 * @throws {@link CpuProfileError} naming the first bad field or link.
 */
export function checkCpuProfile(data: unknown): TreeLinks {
  const profile = object(data, 'the profile');
  const nodes = list(profile.nodes, 'nodes');
  if (nodes.length === 0) throw new CpuProfileError('it has no nodes');
  const index = new Map<number, number>();
  // Field paths are built only for a message: a profile has hundreds of thousands of nodes.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!isObject(node)) throw new CpuProfileError(`nodes[${i}] must be an object`);
    const id = node.id;
    if (!isInteger(id, 0, Number.MAX_SAFE_INTEGER)) throw new CpuProfileError(`nodes[${i}].id must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`);
    if (index.has(id)) throw new CpuProfileError(`nodes[${i}].id (${id}) is the id of an earlier node`);
    index.set(id, i);
    if (!isObject(node.callFrame)) throw new CpuProfileError(`nodes[${i}].callFrame must be an object`);
    checkCallFrame(node.callFrame, i);
  }
  const start = micros(profile.startTime, 'startTime');
  const end = micros(profile.endTime, 'endTime');
  if (end < start) throw new CpuProfileError(`endTime (${end}) is before startTime (${start})`);
  if (end - start > MAX_MICROS) throw new CpuProfileError(`it spans more than ${MAX_MICROS} µs`);
  const links = treeLinks(nodes as Json[], index);
  checkSamples(profile, index);
  return links;
}

function checkCallFrame(frame: Json, i: number): void {
  for (const key of ['functionName', 'url'] as const) {
    if (frame[key] !== undefined && typeof frame[key] !== 'string') throw new CpuProfileError(`nodes[${i}].callFrame.${key} must be a string`);
  }
  // 0-based, -1 where V8 knows no position.
  for (const key of ['lineNumber', 'columnNumber'] as const) {
    if (frame[key] !== undefined && !isInteger(frame[key], -1, MAX_POSITION - 1)) {
      throw new CpuProfileError(`nodes[${i}].callFrame.${key} must be an integer from -1 to ${MAX_POSITION - 1}`);
    }
  }
}

function checkSamples(profile: Json, index: Map<number, number>): void {
  const samples = profile.samples === undefined ? [] : list(profile.samples, 'samples');
  for (let i = 0; i < samples.length; i++) {
    if (!index.has(samples[i] as number)) throw new CpuProfileError(`samples[${i}] (${String(samples[i])}) is not the id of a node`);
  }
  if (profile.timeDeltas === undefined) return;
  const deltas = list(profile.timeDeltas, 'timeDeltas');
  if (deltas.length !== samples.length) {
    throw new CpuProfileError(`timeDeltas has ${deltas.length} entries for ${samples.length} samples (one each)`);
  }
  let sum = 0;
  for (let i = 0; i < deltas.length; i++) {
    const delta = deltas[i];
    // V8 can write a negative delta (samples out of order); the importer treats it as 0.
    if (typeof delta !== 'number' || !(Math.abs(delta) <= MAX_MICROS)) {
      throw new CpuProfileError(`timeDeltas[${i}] must be a number of µs from ${-MAX_MICROS} to ${MAX_MICROS}`);
    }
    sum += Math.abs(delta);
  }
  if (sum > MAX_MICROS) throw new CpuProfileError(`its timeDeltas add up to more than ${MAX_MICROS} µs`);
}

// Each node has at most one parent, named by its parent's `children` or its own `parent`;
// exactly one node has none; every node is reached from it, within the depth budget.
function treeLinks(nodes: Json[], index: Map<number, number>): TreeLinks {
  const parent = new Int32Array(nodes.length).fill(-1);
  const children: number[][] = nodes.map(() => []);
  const link = (from: number, to: number): void => {
    if (from === to) throw new CpuProfileError(`node ${String(nodes[to]!.id)} is its own child`);
    if (parent[to] === from) return; // named by both links: once
    if (parent[to] !== -1) {
      throw new CpuProfileError(`node ${String(nodes[to]!.id)} has two parents (${String(nodes[parent[to]!]!.id)} and ${String(nodes[from]!.id)})`);
    }
    parent[to] = from;
    children[from]!.push(to);
  };
  const reference = (value: unknown, at: () => string): number => {
    const found = index.get(value as number);
    if (found === undefined) throw new CpuProfileError(`${at()} (${JSON.stringify(value) ?? String(value)}) is not the id of a node`);
    return found;
  };
  for (let i = 0; i < nodes.length; i++) {
    const kids = nodes[i]!.children;
    if (kids === undefined) continue;
    if (!Array.isArray(kids)) throw new CpuProfileError(`nodes[${i}].children must be an array`);
    for (let c = 0; c < kids.length; c++)
      link(
        i,
        reference(kids[c], () => `nodes[${i}].children[${c}]`),
      );
  }
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i]!.parent !== undefined)
      link(
        reference(nodes[i]!.parent, () => `nodes[${i}].parent`),
        i,
      );
  }
  const roots: number[] = [];
  parent.forEach((p, i) => p === -1 && roots.push(i));
  if (roots.length === 0) throw new CpuProfileError('its nodes have no root (every node has a parent: a cycle)');
  if (roots.length > 1) {
    const ids = roots
      .slice(0, 3)
      .map((i) => String(nodes[i]!.id))
      .join(', ');
    throw new CpuProfileError(`its nodes have ${roots.length} roots (nodes ${ids}${roots.length > 3 ? ', ...' : ''}): one tree was expected`);
  }
  checkReach(nodes, roots[0]!, children);
  return { root: roots[0]!, children };
}

function checkReach(nodes: Json[], root: number, children: number[][]): void {
  const depth = new Int32Array(nodes.length).fill(-1);
  depth[root] = 0;
  const stack = [root];
  let reached = 0;
  while (stack.length > 0) {
    const i = stack.pop()!;
    reached++;
    if (depth[i]! > MAX_DEPTH) throw new CpuProfileError(`its call tree is more than ${MAX_DEPTH} calls deep`);
    for (const child of children[i]!) {
      depth[child] = depth[i]! + 1;
      stack.push(child);
    }
  }
  if (reached < nodes.length) {
    const lost = depth.findIndex((d) => d === -1);
    throw new CpuProfileError(`node ${String(nodes[lost]!.id)} is not reached from the root (its parents form a cycle)`);
  }
}

function object(value: unknown, at: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CpuProfileError(`${at} must be an object`);
  return value as Json;
}

function list(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) throw new CpuProfileError(`${at} must be an array`);
  if (value.length > MAX_ITEMS) throw new CpuProfileError(`${at} has more than ${MAX_ITEMS} entries`);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInteger(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max;
}

function micros(value: unknown, at: string): number {
  if (typeof value !== 'number' || !(Math.abs(value) <= Number.MAX_SAFE_INTEGER)) {
    throw new CpuProfileError(`${at} must be a number of µs`);
  }
  return value + 0;
}
