// Sample mode's pieces without a process: the counting transform, positions, the
// cpuprofile -> tree conversion, the count matching and the edge estimates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apportion, CountIndex, estimateEdgeCalls } from '../src/capture/call-counts.js';
import { instrumentCounts } from '../src/capture/count-transform.js';
import { LineIndex } from '../src/capture/positions.js';
import { buildSampleProfile } from '../src/capture/sample-profile.js';
import type { V8CpuProfile } from '../src/capture/v8-types.js';
import type { Edge } from '../src/model/profile.js';

const ids = (): ((n: number) => number) => {
  let next = 1;
  return (n) => ((next += n), next - n);
};

test('the counting transform keeps lines, directives and arrow bodies, and records both positions', () => {
  const source = 'function a(x) { "use strict"\n  return x }\nconst b = y => y * 2, c = () => ({ z: 1 });\n';
  const result = instrumentCounts(source, { sourceType: 'module', allocateIds: ids() })!;
  assert.equal(result.code, 'function a(x) { "use strict";__hpCalls[1]++;\n  return x }\nconst b = y => (__hpCalls[2]++,y * 2), c = () => (__hpCalls[3]++,({ z: 1 }));\n');
  assert.deepEqual(
    result.functions.map((fn) => [fn.name, fn.start, fn.origin]),
    [
      ['a', [0, 0], [0, 0]],
      ['b', [2, 10], [2, 10]],
      ['c', [2, 43], [2, 26]],
    ],
  );
  const counters = new Float64Array(4);
  new Function('__hpCalls', `${result.code}; a(1); b(1); b(2); c();`)(counters);
  assert.deepEqual([...counters], [0, 1, 2, 1]);
});

test('the counting transform leaves code that does not parse alone', () => {
  assert.equal(instrumentCounts('function (', { sourceType: 'module', allocateIds: ids() }), null);
});

test('LineIndex counts lines the way V8 does', () => {
  const lines = new LineIndex('a\r\nb\rc\nd\u2028e');
  assert.deepEqual(
    [0, 3, 5, 7, 9].map((offset) => lines.position(offset)),
    [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ],
  );
});

test('apportion gives whole shares that add up, by largest remainder', () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(5, [0, 0]), [3, 2]);
  assert.equal(
    apportion(187998, [3, 1, 7]).reduce((a, b) => a + b),
    187998,
  );
});

test('edge estimates: one call per sampled caller, the rest by sampled self time', () => {
  const edge = (caller: number, self: number): Edge => ({ caller, callee: 9, calls: null, primitiveCalls: null, self, total: self });
  const edges = [edge(1, 0), edge(2, 0), edge(9, 100)];
  estimateEdgeCalls([{ frame: 9, calls: 188000, primitiveCalls: null, self: 0, total: 0 }], edges);
  assert.deepEqual(
    edges.map((e) => e.calls),
    [1, 1, 187998],
  );
});

test('a call frame matches the innermost counted range around it, by position, never by name', () => {
  const index = new CountIndex([
    {
      scriptId: '7',
      url: 'file:///x.js',
      functions: [
        { name: '', start: [0, 0], end: [9, 0], count: 1, exact: true },
        { name: 'fib', start: [0, 0], end: [2, 1], count: 5, exact: true },
        { name: 'inner', start: [1, 4], end: [1, 20], count: 3, exact: true },
        { name: '(anonymous)', label: '(anonymous)', start: [4, 12], end: [6, 1], count: 4, exact: true },
      ],
    },
  ]);
  const frame = (functionName: string, lineNumber: number, columnNumber: number) => ({ functionName, scriptId: '7', url: 'file:///x.js', lineNumber, columnNumber });
  assert.equal(index.find(frame('', 0, 0))?.count, 1); // the top level: V8's nameless frame at 0:0
  assert.equal(index.find(frame('fib', 0, 12))?.count, 5); // starts with the top level: the shorter range
  assert.equal(index.find(frame('inner', 1, 9))?.count, 3);
  // A callback V8 names '' (or after a neighbour) is the function around its position, not the top level.
  assert.equal(index.find(frame('', 4, 13))?.count, 4);
  assert.equal(index.find(frame('later', 4, 13))?.count, 4);
  // Inside no counted function (V8's <instance_members_initializer> at a class): no count, its own position.
  assert.equal(index.find(frame('<instance_members_initializer>', 7, 0)), null);
  assert.equal(index.find(frame('sqrt', -1, -1)), null);
});

test("hotpath's own frames are cut out of the stacks, the program under them kept, hotpath's work dropped", () => {
  const own = 'file:///hp/dist/src/runner/cjs.js';
  const helper = 'file:///hp/node_modules/acorn/dist/acorn.mjs';
  const prog = 'file:///app/main.cjs';
  const node = (id: number, functionName: string, url: string, children: number[] = [], lineNumber = 3) => ({
    id,
    callFrame: { functionName, scriptId: url, url, lineNumber, columnNumber: 1 },
    children,
  });
  // As V8 records a CommonJS main module under the hook: Module.load -> hook -> (parse, Module._compile -> program).
  const cpuProfile: V8CpuProfile = {
    nodes: [
      node(1, '(root)', '', [2, 9], -1),
      node(2, 'Module.load', 'node:internal/modules/cjs/loader', [3, 10]),
      node(3, 'compileHook', own, [4, 6, 11]),
      node(4, 'parse', helper, [5]),
      node(5, 'readToken', helper),
      node(6, 'Module._compile', 'node:internal/modules/cjs/loader', [7]),
      node(7, '', prog, [8], 0),
      node(8, 'work', prog),
      node(9, '(garbage collector)', '', [], -1),
      node(10, 'Module._compile', 'node:internal/modules/cjs/loader', [12]), // the same path without the hook
      node(11, 'readFileSync', 'node:fs'),
      node(12, 'uses', prog, [13]),
      node(13, 'parse', helper), // the program's own use of the same library: the program's
    ],
    startTime: 0,
    endTime: 900,
    samples: [5, 8, 8, 8, 6, 11, 9, 13, 3],
    timeDeltas: [0, 100, 100, 100, 100, 100, 100, 100, 100],
  };
  const meta = { command: ['main.cjs'], interval: 1e6, startTime: '', duration: 0, nodeVersion: '', exitCode: 0, signal: null, cwd: '/', hotpathVersion: '' };
  const profile = buildSampleProfile({ cpuProfile, counts: null }, meta, { ignoreUrl: (url) => url === own, helperUrl: (url) => url === helper });
  const self = new Map(profile.functions.map((fn) => [`${profile.frames[fn.frame]!.name}@${profile.frames[fn.frame]!.file}`, fn.self]));
  assert.equal(self.get('work@/app/main.cjs'), 300_000);
  assert.equal(self.get('Module._compile@node:internal/modules/cjs/loader'), 100_000);
  assert.equal(self.get('parse@/hp/node_modules/acorn/dist/acorn.mjs'), 100_000); // the program's call only
  assert.equal(self.has('readToken@/hp/node_modules/acorn/dist/acorn.mjs'), false);
  assert.equal(self.has('readFileSync@node:fs'), false);
  assert.equal(self.has('compileHook@/hp/dist/src/runner/cjs.js'), false);
  // Module.load -> Module._compile once: the two paths, with and without the hook, merged.
  const tree = profile.tree!;
  const compile = tree.filter((n) => profile.frames[n.frame]!.name === 'Module._compile');
  assert.equal(compile.length, 1);
  assert.equal(profile.frames[tree[compile[0]!.parent]!.frame]!.name, 'Module.load');
});

test("a script in one of hotpath's libraries (tsc) is the program when Node runs it, hotpath's when hotpath calls it", () => {
  const own = 'file:///hp/dist/src/capture/count-transform.js';
  const lib = 'file:///app/node_modules/acorn/dist/';
  const node = (id: number, functionName: string, url: string, children: number[] = []) => ({
    id,
    callFrame: { functionName, scriptId: url, url, lineNumber: 3, columnNumber: 1 },
    children,
  });
  const cpuProfile: V8CpuProfile = {
    nodes: [
      node(1, '(root)', '', [2]),
      node(2, 'hook', own, [3, 4]),
      node(3, 'parse', `${lib}acorn.mjs`), // hotpath's parser, parsing the program
      node(4, 'Module._compile', 'node:internal/modules/cjs/loader', [5]),
      node(5, 'run', `${lib}bin.js`), // the program: acorn's bin
    ],
    startTime: 0,
    endTime: 200,
    samples: [3, 5],
    timeDeltas: [0, 100],
  };
  const meta = { command: ['acorn'], interval: 1e6, startTime: '', duration: 0, nodeVersion: '', exitCode: 0, signal: null, cwd: '/', hotpathVersion: '' };
  const inLib = (url: string): boolean => url.startsWith(lib);
  const profile = buildSampleProfile({ cpuProfile, counts: null }, meta, { ignoreUrl: (url) => url === own, helperUrl: inLib, programPackageUrl: inLib });
  assert.deepEqual(
    profile.functions.filter((fn) => fn.self > 0).map((fn) => profile.frames[fn.frame]!.name),
    ['run'],
  );
});

test('a cpuprofile becomes frames, a tree with ns self times, and counted functions', () => {
  const url = 'file:///prog.js';
  const cpuProfile: V8CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2, 4] },
      { id: 2, callFrame: { functionName: 'main', scriptId: '3', url, lineNumber: 0, columnNumber: 13 }, children: [3] },
      { id: 3, callFrame: { functionName: 'leaf', scriptId: '3', url, lineNumber: 1, columnNumber: 13 } },
      { id: 4, callFrame: { functionName: '(idle)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 } },
    ],
    startTime: 1000,
    endTime: 1400,
    samples: [2, 3, 3, 4],
    timeDeltas: [0, 100, 100, 100],
  };
  const counts = [
    {
      scriptId: '3',
      url,
      functions: [
        { name: 'main', start: [0, 0] as [number, number], end: [0, 40] as [number, number], count: 1, exact: true },
        { name: 'leaf', start: [1, 0] as [number, number], end: [1, 40] as [number, number], count: 2, exact: true },
        { name: 'unsampled', start: [2, 0] as [number, number], end: [2, 40] as [number, number], count: 4, exact: true },
      ],
    },
  ];
  const meta = { command: ['prog.js'], interval: 1e6, startTime: '', duration: 0, nodeVersion: '', exitCode: 0, signal: null, cwd: '/', hotpathVersion: '' };
  const profile = buildSampleProfile({ cpuProfile, counts, countedBy: 'coverage' }, meta);
  const byName = new Map(profile.functions.map((fn) => [profile.frames[fn.frame]!.name, fn]));
  assert.deepEqual([...byName.keys()].sort(), ['leaf', 'main', 'unsampled']); // (idle) left out
  assert.deepEqual([byName.get('main')!.self, byName.get('main')!.total, byName.get('main')!.calls], [100_000, 300_000, 1]);
  assert.deepEqual([byName.get('leaf')!.self, byName.get('leaf')!.calls], [200_000, 2]);
  assert.deepEqual([byName.get('unsampled')!.self, byName.get('unsampled')!.calls], [0, 4]);
  assert.equal(profile.frames[byName.get('leaf')!.frame]!.line, 2);
  assert.deepEqual(
    profile.edges.map((e) => e.calls),
    [2],
  );
});
