// The instrumenting pipeline (src/capture/instrument/) through its four planners: the call
// counters, the call tracer and both line captures name and place every function of a module
// the same way (each mode's own output, compared), all keep the module's lines, all read the
// same code as the same syntax, and text that meets at one offset stays nested in each.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as acorn from 'acorn';
import { instrumentCounts } from '../src/capture/count-transform.js';
import { instrumentLines as sampleLines } from '../src/capture/lines-sample/transform.js';
import { instrumentLines as traceLines } from '../src/capture/lines-trace/transform.js';
import { instrument } from '../src/capture/trace/instrument.js';

const FILE = '/proj/src/shapes.mjs';
const CODE = [
  'class Shape { constructor(n) { this.n = n; } get area() { return this.n; } static of(n) { return new Shape(n); } #hidden() {} grow = (k) => (this.n *= k); }',
  'const registry = { add(s) { return s; }, "dash-key": () => ({ ok: true }) };',
  'export const twice = (f) => (x) => f(f(x));',
  'const wrapped = (function named(a) { "use strict"; return a; });',
  'export default function () { [1, 2].map((v) => v + 1); }',
  'async function* stream() { for await (const x of [1]) yield x; }',
].join('\n');

/** `name line:column` of every function, as a mode reports it. */
const describe = (f: { name: string; line: number; column: number }): string => `${f.name} ${f.line}:${f.column}`;

function everyMode(): Record<string, string[]> {
  const counted = instrumentCounts(CODE, { sourceType: 'module', allocateIds: () => 1 });
  const traced = instrument(CODE, { file: FILE, sourceType: 'module', allocateIds: () => 1 });
  const sampled = sampleLines(CODE, { sourceType: 'module', file: FILE, url: `file://${FILE}`, targets: [FILE], allocateIds: () => 1, cwd: '/' });
  const lines = traceLines(CODE, { file: FILE, sourceType: 'module', targets: [FILE], cwd: '/', allocateSlots: () => 1 });
  assert.ok(counted && traced.ok && sampled && lines.ok);
  for (const code of [counted.code, traced.code, sampled.code, lines.code]) {
    acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' }); // valid code
    assert.equal(code.split('\n').length, CODE.split('\n').length, 'no line added');
  }
  return {
    // The counters keep 0-based generated positions (the runner maps them): made 1-based here.
    count: counted.functions.map((f) => describe({ name: f.name, line: f.origin[0] + 1, column: f.origin[1] + 1 })),
    trace: traced.functions.map(describe),
    'lines sample': sampled.record.picked.map(describe),
    'lines trace': lines.functions.map(describe),
  };
}

test('every planner names and places every function the same way: a method at its name', () => {
  const modes = everyMode();
  // Each function at the text it starts at (a method at its definition, `static` included).
  const expected: Array<[string, number, string]> = [
    ['Shape.constructor', 1, 'constructor(n)'],
    ['Shape.get area', 1, 'get area'],
    ['Shape.of', 1, 'static of'],
    ['Shape.#hidden', 1, '#hidden'],
    ['Shape.grow', 1, '(k) =>'],
    ['registry.add', 2, 'add(s)'],
    ['registry.dash-key', 2, '() => ({'],
    ['twice', 3, '(f) =>'],
    ['(anonymous)', 3, '(x) =>'],
    ['named', 4, 'function named'],
    ['default', 5, 'function ()'],
    ['(anonymous)', 5, '(v) =>'],
    ['stream', 6, 'async function*'],
  ];
  const lines = CODE.split('\n');
  assert.deepEqual(
    modes.trace,
    expected.map(([name, line, text]) => `${name} ${line}:${lines[line - 1]!.indexOf(text) + 1}`),
  );
  for (const [mode, functions] of Object.entries(modes)) assert.deepEqual(functions, modes.trace, mode);
});

test('a module that does not parse is left alone by every planner, with the reason where the mode reports one', () => {
  const broken = 'function ok() {}\nconst x = ;\n';
  assert.equal(instrumentCounts(broken, { sourceType: 'module', allocateIds: () => 1 }), null);
  assert.equal(sampleLines(broken, { sourceType: 'module', file: FILE, url: `file://${FILE}`, targets: [FILE], allocateIds: () => 1 }), null);
  const traced = instrument(broken, { file: FILE });
  const lines = traceLines(broken, { file: FILE, sourceType: 'module', targets: [FILE], cwd: '/', allocateSlots: () => 1 });
  for (const result of [traced, lines]) {
    assert.ok(!result.ok);
    assert.match(result.error, /^\/proj\/src\/shapes\.mjs: Unexpected token \(2:10\)$/);
  }
});

test('text meeting at one offset stays nested: curried arrows, a lone loop body, a labelled loop', () => {
  const code = 'export const add = (a) => (b) => (c) => a + b + c;\nexport function f(xs) { outer: for (const x of xs) if (x) for (;;) break outer; return add(1)(2)(3); }\n';
  const run = (instrumented: string): number => {
    const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
    const counters = { __hpCalls: new Float64Array(64), __hpLines: new Float64Array(64) };
    const body = `${instrumented.replaceAll('export ', '')}\nmodule.exports.f = f;`;
    new Function('module', '__hpCalls', '__hpLines', body)(module, counters.__hpCalls, counters.__hpLines);
    return module.exports.f!([0, 1]) as number;
  };
  const counted = instrumentCounts(code, { sourceType: 'module', allocateIds: () => 1 });
  const sampled = sampleLines(code, { sourceType: 'module', file: FILE, url: `file://${FILE}`, targets: [FILE], allocateIds: () => 1, cwd: '/' });
  assert.ok(counted && sampled);
  assert.equal(run(counted.code), 6);
  assert.equal(run(sampled.code), 6);
});
