// Programs run as `node script` and as `hotpath profile --mode trace`: the same output,
// microtask order included, and the same exit code; then the exact counts the trace
// recorded for async functions, generators, classes, getters/setters, arrows and
// CommonJS, throws and early returns.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import tsBlankSpace from 'ts-blank-space';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-trace-'));

interface Runs {
  plain: SpawnSyncReturns<string>;
  traced: SpawnSyncReturns<string>;
  profile: Profile;
}

/** Writes `files` into the test folder, runs `script` plain (as `plainScript`) and traced. */
function runBoth(files: Record<string, string>, script: string, plainScript = script, args: string[] = []): Runs {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const output = path.join(dir, `${script}.profile.json`);
  const options = { cwd: dir, encoding: 'utf8' as const, timeout: 60_000 };
  const plain = spawnSync(process.execPath, [plainScript, ...args], options);
  const traced = spawnSync(process.execPath, [BIN, 'profile', '--mode', 'trace', '-o', output, script, ...args], options);
  assert.equal(traced.stdout, plain.stdout, traced.stderr);
  assert.equal(traced.status, plain.status, traced.stderr);
  const profile = loadProfileSync(output);
  assertWithinDuration(profile);
  return { plain, traced, profile };
}

// The tree holds the program's time only: hotpath's start-up (hooks, the loader thread) is
// charged to nobody, so the root's self time plus every function's is within the duration.
function assertWithinDuration(profile: Profile): void {
  const charged = profile.tree![0]!.self + profile.functions.reduce((sum, f) => sum + f.self, 0);
  assert.ok(charged <= profile.meta.duration, `root + self ${charged} ns > duration ${profile.meta.duration} ns`);
}

/** `name: calls` of the program's own functions (summed over functions of one name). */
function counts(profile: Profile): Record<string, number> {
  const result: Record<string, number> = {};
  for (const fn of profile.functions) {
    const frame = profile.frames[fn.frame]!;
    if (frame.category === 'user') result[frame.name] = (result[frame.name] ?? 0) + fn.calls!;
  }
  return result;
}

const ASYNC = `
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function fetchValue(i) {
  await null;
  if (i === 2) throw new Error('bad ' + i);
  await sleep(1);
  return i * 10;
}
async function safeFetch(i) {
  try {
    return await fetchValue(i);
  } catch (error) {
    console.log('caught', error.message);
    return -1;
  } finally {
    console.log('finally', i);
  }
}
async function* numbers(n) {
  for (let i = 0; i < n; i++) {
    await null;
    yield i;
  }
}
async function consume() {
  const out = [];
  for await (const x of numbers(3)) out.push(x);
  for await (const y of [Promise.resolve('a'), 'b']) out.push(y);
  return out;
}
async function ticker(name, n) {
  for (let i = 0; i < n; i++) {
    console.log(name, i);
    await null;
  }
}
async function main() {
  await Promise.all([ticker('A', 3), ticker('B', 3), Promise.resolve().then(() => console.log('then'))]);
  console.log(await Promise.all([0, 1, 2, 3].map(safeFetch)));
  console.log(await consume());
  queueMicrotask(() => console.log('microtask'));
  await null;
  console.log('after');
  for await (const x of numbers(10)) if (x === 1) break;
  console.log('broke');
}
main().then(() => console.log('done'));
`;

test('async functions, async generators and for await: same output and order; one call per invocation', () => {
  const { profile } = runBoth({ 'async.mjs': ASYNC }, 'async.mjs');
  assert.deepEqual(counts(profile), {
    main: 1,
    ticker: 2,
    '(anonymous)': 6, // sleep's promise executor (3), the two .then callbacks, queueMicrotask's
    safeFetch: 4,
    fetchValue: 4,
    sleep: 3,
    consume: 1,
    numbers: 2,
  });
});

const GENERATORS = `
function* range(n) {
  for (let i = 0; i < n; i++) yield i;
}
function* pairs() {
  yield* range(2);
  const got = yield 'x';
  yield got;
}
function* guarded() {
  try {
    yield 1;
    yield 2;
  } finally {
    console.log('cleanup');
  }
}
function collect() {
  console.log([...range(4)]);
  const it = pairs();
  console.log(it.next().value, it.next().value, it.next().value, it.next('sent').value, it.next().done);
  for (const v of guarded()) {
    console.log('got', v);
    break;
  }
  const g = guarded();
  g.next();
  try {
    g.throw(new Error('boom'));
  } catch (error) {
    console.log('thrown', error.message);
  }
  range(5); // never started: its body never runs, no call
}
collect();
`;

test('generators (yield, yield*, return, throw): same output; a call is a generator that ran', () => {
  const { profile } = runBoth({ 'generators.mjs': GENERATORS }, 'generators.mjs');
  assert.deepEqual(counts(profile), { collect: 1, range: 2, pairs: 1, guarded: 2 });
});

const CLASSES = `
class Shape {
  name: string;
  constructor(name: string) {
    this.name = name;
  }
  area(): number {
    return 0;
  }
  describe(): string {
    return \`\${this.name}: \${this.area().toFixed(2)}\`;
  }
}

class Circle extends Shape {
  #r: number;
  static count = 0;
  constructor(r: number) {
    const label = \`circle \${r}\`;
    super(label);
    this.#r = r;
    Circle.count++;
  }
  override area(): number {
    return Math.PI * this.#r ** 2;
  }
  get radius(): number {
    return this.#r;
  }
  set radius(value: number) {
    if (value < 0) throw new RangeError('negative radius');
    this.#r = value;
  }
  static unit(): Circle {
    return new Circle(1);
  }
  scale = (k: number): Circle => new Circle(this.#r * k);
}

function main(): void {
  const shapes: Shape[] = [new Circle(2), Circle.unit(), new Shape('blank')];
  for (const shape of shapes) console.log(shape.describe());
  const c = Circle.unit();
  c.radius = 3;
  console.log(c.radius, c.scale(2).radius);
  try {
    c.radius = -1;
  } catch (error) {
    console.log((error as Error).message);
  }
  console.log(Circle.count);
}
main();
`;

test('TypeScript classes (derived constructors, getters/setters, statics, private fields, arrow fields): TS positions', () => {
  const plain = tsBlankSpace(CLASSES);
  // Define semantics for class fields (ES2022), as the blanked twin has them.
  const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022' } });
  const { profile } = runBoth({ 'classes.ts': CLASSES, 'classes-plain.mjs': plain, 'tsconfig.json': tsconfig }, 'classes.ts', 'classes-plain.mjs');
  assert.deepEqual(counts(profile), {
    main: 1,
    'Circle.constructor': 4,
    'Shape.constructor': 5,
    'Circle.unit': 2,
    'Shape.describe': 3,
    'Circle.area': 2,
    'Shape.area': 1,
    'Circle.set radius': 2,
    'Circle.get radius': 2,
    'Circle.scale': 1,
  });
  const frame = profile.frames.find((f) => f.name === 'Circle.get radius')!;
  assert.equal(path.basename(frame.file), 'classes.ts');
  assert.equal(frame.line, CLASSES.split('\n').findIndex((l) => l.includes('get radius')) + 1);
});

const LIB = `'use strict';
const square = (x) => x * x;
const shape = { v: 21, get twice() { return this.v * 2; }, sum: (...xs) => xs.reduce((a, b) => a + b, 0) };
function check(n) {
  if (n < 0) throw new RangeError('negative');
  if (n === 0) return 'zero';
  return 'positive';
}
module.exports = { square, shape, check, isStrict: function () { return this === undefined; } };
`;

const MAIN = `const lib = require('./lib.cjs');
console.log(lib.square(7), lib.shape.twice, lib.shape.sum(1, 2, 3), lib.isStrict.call(undefined));
for (const n of [-1, 0, 1]) {
  try {
    console.log(lib.check(n));
  } catch (error) {
    console.log(error.name);
  }
}
process.exitCode = 3;
`;

test("CommonJS with 'use strict', arrows, getters, throws and early returns: same output and exit code", () => {
  const { profile } = runBoth({ 'lib.cjs': LIB, 'main.cjs': MAIN }, 'main.cjs');
  assert.deepEqual(counts(profile), {
    square: 1,
    'shape.get twice': 1,
    'shape.sum': 1,
    '(anonymous)': 3, // reduce's callback
    'module.exports.isStrict': 1,
    check: 3,
  });
});

const EXITS = `
function inner(n) {
  if (n === 0) process.exit(3);
  return inner(n - 1);
}
function outer() {
  console.log('exiting');
  inner(2);
}
outer();
`;

test('process.exit() deep in the stack: exit code kept, functions still running are in the profile', () => {
  const { profile } = runBoth({ 'exits.mjs': EXITS }, 'exits.mjs');
  assert.equal(profile.meta.exitCode, 3);
  assert.deepEqual(counts(profile), { outer: 1, inner: 3 });
  const inner = profile.functions.find((f) => profile.frames[f.frame]!.name === 'inner')!;
  assert.equal(inner.primitiveCalls, 1);
});
