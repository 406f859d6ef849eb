/**
 * Generated bad (and good) inputs for the readers, from real files: empty files, random bytes,
 * truncations, JSON of the wrong shape, and mutated fields (negative, NaN, -0, 1e308 and
 * out-of-range numbers, ids out of range, cycles, broken parent links, deep chains). Seeded:
 * the same seed and seed files give the same inputs, so a failure can be replayed.
 *
 * Used by the fuzz test (`fuzz-readers.test.ts`, a few seconds) and the longer run of
 * `bench/fuzz-readers.mjs`.
 */

/** What a seed file is; it decides which commands read the generated inputs. */
export type SeedKind = 'profile' | 'cpuprofile' | 'lines' | 'bench';

/** A real file inputs are generated from. */
export interface Seed {
  kind: SeedKind;
  /** A short name, for the report. */
  name: string;
  text: string;
}

/** One generated input. */
export interface FuzzInput {
  kind: SeedKind;
  /** What was done to the seed, for the report (`truncate@1234`, `number:tree[3].self=-1`). */
  mutation: string;
  seed: string;
  bytes: Buffer;
}

/** A small, fast, seeded PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// Numbers JSON cannot hold (NaN, -0 kept as written, 1e999 = Infinity) go into the text as
// raw tokens: a placeholder string is replaced after stringifying.
const RAW = '\u0000raw:';
const NUMBERS: ReadonlyArray<number | string> = [-1, -0.5, 0.5, 1e308, 2 ** 53 + 2, 1e15, -1e308, `${RAW}-0`, `${RAW}NaN`, `${RAW}1e999`, `${RAW}-1e999`, 0, 1, 7];
const ODD_VALUES: readonly Json[] = [null, true, 'x', '', [], {}, [1, 2], { a: 1 }, '12', 'NaN'];
const WRONG_SHAPES: readonly string[] = [
  '[]',
  'null',
  '42',
  '"hotpath-profile"',
  '{}',
  'true',
  '{"format":"hotpath-profile"}',
  '{"format":"hotpath-profile","version":1}',
  '{"format":"hotpath-bench","version":1}',
  '{"nodes":[],"startTime":0,"endTime":0}',
  '{"nodes":5,"startTime":0,"endTime":1}',
  '[{"id":1}]',
  '{"format":"hotpath-profile","version":1e999}',
  '{"format":"hotpath-profile","version":2}',
  '{"traceEvents":[]}',
  '{"$schema":"https://www.speedscope.app/file-format-schema.json"}',
];

/**
 * `count` inputs from `seeds`, in a reproducible order for `seed`. Deep chains are `depth`
 * calls deep: 100,000 by default, beyond any stack V8 can hold, so only a walk without
 * recursion reads them.
 */
export function generateInputs(seeds: readonly Seed[], count: number, seed: number, depth = 100_000): FuzzInput[] {
  const random = seededRandom(seed);
  const inputs: FuzzInput[] = [];
  for (let i = 0; i < count; i++) inputs.push(generateOne(random, pick(random, seeds), depth));
  return inputs;
}

function generateOne(random: Random, seed: Seed, depth: number): FuzzInput {
  const out = (mutation: string, text: string | Buffer): FuzzInput => ({
    kind: seed.kind,
    mutation,
    seed: seed.name,
    bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
  });
  const roll = random();
  if (roll < 0.02) return out('empty', '');
  if (roll < 0.05) return out('random-bytes', randomBytes(random, Math.floor(random() * 4096)));
  if (roll < 0.15) {
    const at = Math.floor(random() * seed.text.length);
    return out(`truncate@${at}`, seed.text.slice(0, at));
  }
  if (roll < 0.19) return out('wrong-shape', pick(random, WRONG_SHAPES));
  if (roll < 0.2) return out('valid', seed.text);
  if (roll < 0.23) return out(`deep-chain:${depth}`, deepChain(seed.kind, random, depth));
  const data = JSON.parse(seed.text) as Json;
  const mutations = 1 + Math.floor(random() * (random() < 0.8 ? 1 : 4));
  const done: string[] = [];
  for (let m = 0; m < mutations; m++) {
    // A later mutation may meet what an earlier one broke (a node that is now a string).
    try {
      done.push(mutate(random, data, seed.kind));
    } catch {
      done.push('skipped');
    }
  }
  return out(done.join(' '), rawText(data));
}

function randomBytes(random: Random, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function rawText(data: Json): string {
  return JSON.stringify(data).replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

/** One mutation of `data` in place; returns what it did. */
function mutate(random: Random, data: Json, kind: SeedKind): string {
  const roll = random();
  if (roll < 0.1) return allTimes(data, pick(random, [1e308, `${RAW}-0`, -1, 2 ** 60]));
  if (roll < 0.25) return structural(random, data, kind);
  const leaves = collect(data, [], (value) => typeof value === 'number');
  const nodes = collect(data, [], () => true);
  if (roll < 0.7 && leaves.length > 0) {
    const at = pick(random, leaves);
    const value = pick(random, NUMBERS);
    set(data, at, value);
    return `number:${show(at)}=${String(value).replace(RAW, '')}`;
  }
  const at = pick(
    random,
    nodes.filter((p) => p.length > 0),
  );
  if (!at) return 'none';
  if (roll < 0.85) {
    set(data, at, pick(random, ODD_VALUES));
    return `type:${show(at)}`;
  }
  if (roll < 0.93) {
    remove(data, at);
    return `delete:${show(at)}`;
  }
  set(data, at, 'x'.repeat(1 + Math.floor(random() * 200_000)));
  return `long-string:${show(at)}`;
}

// Every time-like field set to one value: a profile whose times are all 1e308 made V8 abort
// ("invalid size") when its cpuprofile was written.
function allTimes(data: Json, value: number | string): string {
  const timeKeys = new Set(['self', 'total', 'time', 'duration', 'timeDeltas', 'endTime', 'roundsNs', 'interval']);
  for (const at of collect(data, [], (v) => typeof v === 'number')) {
    if (at.some((key) => typeof key === 'string' && timeKeys.has(key))) set(data, at, value);
  }
  return `all-times=${String(value).replace(RAW, '')}`;
}

// References and structure: ids out of range, cycles, broken parent links, duplicates.
function structural(random: Random, data: Json, kind: SeedKind): string {
  if (!isObject(data)) return 'none';
  if (kind === 'cpuprofile' && Array.isArray(data.nodes) && data.nodes.length > 1) {
    const nodes = data.nodes as Array<{ [key: string]: Json }>;
    const a = nodes[Math.floor(random() * nodes.length)]!;
    const b = nodes[Math.floor(random() * nodes.length)]!;
    const roll = random();
    if (roll < 0.25) {
      b.children = [...((b.children as Json[]) ?? []), nodes[0]!.id!]; // the root as a child: a cycle
      return 'cpu:cycle-to-root';
    }
    if (roll < 0.45) {
      a.children = [...((a.children as Json[]) ?? []), a.id!]; // its own child
      return 'cpu:self-child';
    }
    if (roll < 0.6) {
      a.id = b.id!; // two nodes, one id
      return 'cpu:duplicate-id';
    }
    if (roll < 0.75) {
      for (const node of nodes) delete node.children;
      for (const node of nodes.slice(1)) node.parent = nodes[Math.floor(random() * nodes.length)]!.id as number;
      return 'cpu:random-parent-links';
    }
    if (roll < 0.87 && Array.isArray(data.samples) && data.samples.length > 0) {
      (data.samples as Json[])[Math.floor(random() * data.samples.length)] = 999_999;
      return 'cpu:sample-of-missing-node';
    }
    a.children = [999_999];
    return 'cpu:child-not-a-node';
  }
  if (Array.isArray(data.tree) && data.tree.length > 1) {
    const tree = data.tree as Array<{ [key: string]: Json }>;
    const i = 1 + Math.floor(random() * (tree.length - 1));
    const roll = random();
    if (roll < 0.3)
      tree[i]!.parent = i; // its own parent
    else if (roll < 0.55)
      tree[i]!.parent = Math.min(tree.length - 1, i + 1 + Math.floor(random() * 5)); // a later node
    else if (roll < 0.75) tree[i]!.frame = (data.frames as Json[]).length + Math.floor(random() * 3);
    else tree[0]!.parent = 0;
    return `tree:${roll < 0.3 ? 'self-parent' : roll < 0.55 ? 'forward-parent' : roll < 0.75 ? 'frame-out-of-range' : 'root-cycle'}@${i}`;
  }
  for (const field of ['functions', 'edges', 'lines', 'benchmarks'] as const) {
    const list = data[field];
    if (!Array.isArray(list) || list.length === 0) continue;
    const item = list[Math.floor(random() * list.length)];
    if (!isObject(item)) continue;
    if (random() < 0.5) {
      list.push(JSON.parse(JSON.stringify(item)) as Json); // a duplicate entry
      return `duplicate:${field}`;
    }
    const key = pick(random, ['frame', 'caller', 'callee', 'iterations', 'line']);
    if (key in item) {
      item[key] = pick(random, [-1, (data.frames as Json[] | undefined)?.length ?? 99, 1.5, 2 ** 40]);
      return `reference:${field}.${key}`;
    }
  }
  return 'none';
}

/** A 100,000-deep call chain in the seed's format (a bench run gets 100,000 rounds instead). */
export function deepChain(kind: SeedKind, random: Random = Math.random, depth = 100_000): string {
  if (kind === 'cpuprofile') {
    const nodes = [];
    for (let id = 1; id <= depth; id++) {
      nodes.push({
        id,
        callFrame: { functionName: id === 1 ? '(root)' : `f${id % 7}`, scriptId: '1', url: 'file:///app.js', lineNumber: id % 7, columnNumber: 0 },
        hitCount: 1,
        children: id < depth ? [id + 1] : [],
      });
    }
    const samples = nodes.map((n) => n.id);
    return JSON.stringify({ nodes, startTime: 0, endTime: depth * 10, samples, timeDeltas: samples.map(() => 10) });
  }
  if (kind === 'bench') {
    const rounds = Array.from({ length: depth }, () => 1000 + Math.floor(random() * 100));
    return JSON.stringify({
      format: 'hotpath-bench',
      version: 1,
      unit: 'ns',
      datetime: '2026-01-01T00:00:00.000Z',
      machineId: 'm',
      machine: {},
      commit: {},
      benchmarks: [
        {
          name: 'sum',
          fullname: 'tiny.bench.mjs::sum',
          file: 'tiny.bench.mjs',
          group: null,
          iterations: 1,
          roundsNs: rounds,
          warmup: { rounds: 0, ns: 0 },
          timer: { resolutionNs: 1, overheadNs: 0 },
          gc: null,
        },
      ],
    });
  }
  const frames = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}`, file: '/app.js', line: i + 1, column: 1, category: 'user' }));
  const tree = Array.from({ length: depth }, (_, id) => ({ id, parent: id - 1, frame: id % 7, calls: 1, self: 1000 }));
  const functions = frames.map((_, frame) => ({ frame, calls: Math.floor(depth / 7), primitiveCalls: 1, self: 1000 * Math.floor(depth / 7), total: 1000 * depth }));
  const edges = frames.map((_, i) => ({ caller: i, callee: (i + 1) % 7, calls: Math.floor(depth / 7), primitiveCalls: 1, self: 1000, total: 1000 * depth }));
  const lines = kind === 'lines' ? frames.map((_, frame) => ({ frame, line: frame + 1, hits: 1, time: 1000 })) : undefined;
  return JSON.stringify({
    format: 'hotpath-profile',
    version: 1,
    unit: 'ns',
    meta: {
      command: ['app.js'],
      mode: 'trace',
      interval: null,
      startTime: '2026-01-01T00:00:00.000Z',
      duration: 1000 * depth,
      nodeVersion: 'v20',
      exitCode: 0,
      signal: null,
      cwd: '/',
      hotpathVersion: '0.1.0',
      exactness: { calls: 'exact', edges: 'exact', time: 'measured' },
      notes: [],
    },
    frames,
    functions,
    edges,
    tree,
    ...(lines ? { lines } : {}),
  });
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Paths of the values under `value` that `want` accepts, sampled down to a bounded number
// so huge arrays (samples, timeDeltas) do not dominate.
function collect(value: Json, at: Path, want: (v: Json) => boolean, out: Path[] = []): Path[] {
  const stack: Array<{ value: Json; at: Path }> = [{ value, at }];
  while (stack.length > 0 && out.length < 20_000) {
    const item = stack.pop()!;
    if (want(item.value)) out.push(item.at);
    if (Array.isArray(item.value)) {
      const step = Math.max(1, Math.floor(item.value.length / 200));
      for (let i = 0; i < item.value.length; i += step) stack.push({ value: item.value[i]!, at: [...item.at, i] });
    } else if (isObject(item.value)) {
      for (const [key, child] of Object.entries(item.value)) stack.push({ value: child, at: [...item.at, key] });
    }
  }
  return out;
}

function parentOf(data: Json, at: Path): Json {
  let value = data;
  for (const key of at.slice(0, -1)) value = (value as Record<string | number, Json>)[key]!;
  return value;
}

function set(data: Json, at: Path, value: Json): void {
  (parentOf(data, at) as Record<string | number, Json>)[at.at(-1)!] = value;
}

function remove(data: Json, at: Path): void {
  const parent = parentOf(data, at);
  if (Array.isArray(parent)) parent.splice(at.at(-1) as number, 1);
  else delete (parent as Record<string, Json>)[at.at(-1) as string];
}

function show(at: Path): string {
  return at
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`))
    .join('')
    .replace(/^\./, '');
}
