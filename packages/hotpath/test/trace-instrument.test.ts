// The tracing transform on its own: names and positions of every kind of function, lines
// that never shift, directives and hashbangs kept first, code that does not parse, and
// positions traced through an input source map (compiled TypeScript).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as acorn from 'acorn';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import ts from 'typescript';
import { instrument, type FunctionSite } from '../src/capture/trace/instrument.js';
import { createLoaderTransform } from '../src/capture/trace/loader.js';

const FILE = '/proj/src/example.mjs';

function sites(code: string, sourceType: 'module' | 'script' = 'module'): FunctionSite[] {
  const result = instrument(code, { file: FILE, sourceType });
  assert.ok(result.ok, result.ok ? '' : result.error);
  // The output must itself be valid code of the same kind.
  acorn.parse(result.code, { ecmaVersion: 'latest', sourceType, allowReturnOutsideFunction: true });
  return result.functions;
}

const namesOf = (code: string): string[] => sites(code).map((s) => s.name);

test('functions are named as a user reads them', () => {
  const code = [
    'function factorial(n) { return n; }',
    'const square = (x) => x * x;',
    'let named = function inner() {};',
    'class ParticleSimulator { constructor(p) { this.p = p; } evolve(dt) {} static create() {} get speed() { return 1; } set speed(v) {} #step() {} [Symbol.iterator]() {} tick = () => 1; }',
    'const counter = { inc() {}, get value() { return 0; }, reset: function () {}, "dash-key": () => 2 };',
    'obj.handler = function () {};',
    'Foo.prototype.bar = () => {};',
    'const Anon = class { run() {} };',
    '[1].map(function () {}); [2].map((x) => x);',
    'function withDefault(cb = () => {}) {}',
    'export default function () {}',
  ].join('\n');
  assert.deepEqual(namesOf(code), [
    'factorial',
    'square',
    'inner',
    'ParticleSimulator.constructor',
    'ParticleSimulator.evolve',
    'ParticleSimulator.create',
    'ParticleSimulator.get speed',
    'ParticleSimulator.set speed',
    'ParticleSimulator.#step',
    'ParticleSimulator.[Symbol.iterator]',
    'ParticleSimulator.tick',
    'counter.inc',
    'counter.get value',
    'counter.reset',
    'counter.dash-key',
    'obj.handler',
    'Foo.prototype.bar',
    'Anon.run',
    '(anonymous)',
    '(anonymous)',
    'withDefault',
    'cb',
    'default',
  ]);
});

test('positions are 1-based lines and columns of the function (a method: its key)', () => {
  const code = 'const a = 1;\n  function f() {}\nclass C {\n    m() {}\n}\nconst g = async (x) => x;\n';
  assert.deepEqual(
    sites(code).map(({ name, line, column, file }) => ({ name, line, column, file })),
    [
      { name: 'f', line: 2, column: 3, file: FILE },
      { name: 'C.m', line: 4, column: 5, file: FILE },
      { name: 'g', line: 6, column: 11, file: FILE },
    ],
  );
});

test('ids are consecutive from the allocator and unique across files', () => {
  let next = 100;
  const allocateIds = (count: number): number => {
    const first = next;
    next += count;
    return first;
  };
  const a = instrument('function a() {} function b() {}', { file: '/a.js', allocateIds });
  const b = instrument('function c() {}', { file: '/b.js', allocateIds });
  assert.ok(a.ok && b.ok);
  assert.deepEqual(
    a.functions.map((f) => f.id),
    [100, 101],
  );
  assert.deepEqual(
    b.functions.map((f) => f.id),
    [102],
  );
  assert.match(a.code, /__hpTrace\.e\(100\)/);
});

test('instrumenting never moves code to another line', () => {
  const code = [
    '#!/usr/bin/env node',
    '"use strict"',
    'async function* g(xs) {',
    '  for await (const x of xs) yield x;',
    '  try { await 1; } catch { return; } finally { yield* [1]; }',
    '}',
    'const f = () =>',
    '  ({ a: 1 });',
    'function empty() {}',
  ].join('\n');
  const result = instrument(code, { file: FILE, sourceType: 'script' });
  assert.ok(result.ok);
  const before = code.split('\n');
  const after = result.code.split('\n');
  assert.equal(after.length, before.length);
  // Only insertions: each original line is a subsequence of its instrumented line.
  before.forEach((line, i) => assert.ok(isSubsequence(line, after[i]!), `line ${i + 1}: ${after[i]}`));
  assert.equal(after[0], '#!/usr/bin/env node');
  assert.match(after[1]!, /^"use strict";/);
});

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const char of long) if (char === short[at]) at++;
  return at === short.length;
}

test('directive prologues stay first, so strict functions stay strict', () => {
  const result = instrument('function f() { "use strict"; return this; }', {
    file: FILE,
    sourceType: 'script',
  });
  assert.ok(result.ok);
  assert.match(result.code, /\{ "use strict";const __hpt=/);
});

test('expression bodies are wrapped outside their parentheses', () => {
  const result = instrument('const f = () => (a, b);\nconst g = () => ({ a: 1 });', { file: FILE });
  assert.ok(result.ok);
  assert.match(result.code, /return \(a, b\)\}finally/);
  assert.match(result.code, /return \(\{ a: 1 \}\)\}finally/);
});

test('code without functions comes back unchanged, code that does not parse as an error', () => {
  const plain = instrument('const x = 1;\n', { file: FILE });
  assert.deepEqual(plain, { ok: true, code: 'const x = 1;\n', map: null, insertions: [], functions: [] });
  const broken = instrument('function (', { file: FILE });
  assert.equal(broken.ok, false);
  assert.match(broken.ok ? '' : broken.error, /^\/proj\/src\/example\.mjs: Unexpected token/);
});

test('compiled code: frames and the composed map point at the TypeScript source', () => {
  const tsSource = [
    'interface Options { depth: number }',
    '',
    'export class Tree {',
    '  constructor(private readonly options: Options) {}',
    '',
    '  grow(): number {',
    '    return this.options.depth * 2;',
    '  }',
    '}',
    '',
    'export function plant(): Tree {',
    '  return new Tree({ depth: 3 });',
    '}',
  ].join('\n');
  const compiled = ts.transpileModule(tsSource, {
    fileName: 'tree.ts',
    compilerOptions: {
      target: ts.ScriptTarget.ES2017,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
    },
  });
  const result = instrument(compiled.outputText, {
    file: '/proj/dist/tree.js',
    inputMap: compiled.sourceMapText!,
    mapUrl: '/proj/dist/tree.js.map',
  });
  assert.ok(result.ok);
  assert.deepEqual(
    result.functions.map(({ name, file, line }) => ({ name, file, line })),
    [
      { name: 'Tree.constructor', file: '/proj/dist/tree.ts', line: 4 },
      { name: 'Tree.grow', file: '/proj/dist/tree.ts', line: 6 },
      { name: 'plant', file: '/proj/dist/tree.ts', line: 11 },
    ],
  );
  // A position in the instrumented code (`depth * 2`) maps to the TypeScript line.
  const lines = result.code.split('\n');
  const line = lines.findIndex((l) => l.includes('depth * 2'));
  const found = originalPositionFor(new TraceMap(result.map!), {
    line: line + 1,
    column: lines[line]!.indexOf('depth * 2'),
  });
  assert.equal(found.source, '/proj/dist/tree.ts');
  assert.equal(found.line, 7);
});

test('the loader transform leaves a file it cannot instrument as it is, with a warning', () => {
  const warnings: string[] = [];
  const transform = createLoaderTransform({ warn: (message) => warnings.push(message) });
  assert.equal(transform('const x = <div />;', '/proj/app.jsx', 'module'), 'const x = <div />;');
  const broken = 'function f() {}\n//# sourceMappingURL=data:application/json;base64,bm90IGpzb24=';
  assert.equal(transform(broken, '/proj/broken.js', 'module'), broken);
  assert.equal(warnings.length, 2);
  assert.match(warnings[0]!, /could not parse untraced: \/proj\/app\.jsx: Unexpected token/);
  assert.match(warnings[1]!, /left \/proj\/broken\.js untraced/);
});

test('the loader transform inlines the map, replacing the sourceMappingURL the code had', () => {
  const transform = createLoaderTransform({ allocateIds: () => 1 });
  const code = transform('function f() {}\n//# sourceMappingURL=f.js.map\n', '/nowhere/f.js', 'commonjs');
  const lines = code.split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /^\/\/# sourceMappingURL=data:application\/json;charset=utf-8;base64,/);
});
