// `hotpath dis`: V8's bytecode printout read (on a real printout of Node 20, kept as a
// fixture), and the command end to end on a TypeScript program.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseFunctionEvents } from '../src/dis/function-events.js';
import { parseOptTrace } from '../src/dis/opt-trace.js';
import { parsePrintout } from '../src/dis/v8-bytecode.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/dis/', import.meta.url));

test("a real printout: the function, its instructions, positions and jump targets; the program's line apart", () => {
  const printout = parsePrintout(fs.readFileSync(path.join(FIXTURES, 'add.printout.txt'), 'utf8'));
  assert.equal(printout.functions.length, 1);
  const [add] = printout.functions;
  assert.equal(add!.name, 'add');
  assert.equal(add!.parameterCount, 3);
  assert.deepEqual(
    add!.instructions.slice(0, 2).map((i) => [i.offset, i.position, i.statement, i.mnemonic]),
    [
      [0, 31, true, 'LdaZero'],
      [1, null, false, 'Star0'],
    ],
  );
  const loop = add!.instructions.find((i) => i.mnemonic === 'JumpLoop')!;
  assert.deepEqual([loop.target, loop.operands], [4, '[24], [0], [4]']);
  assert.equal(add!.instructions.find((i) => i.mnemonic === 'JumpIfFalse')!.target, 32);
  assert.equal(add!.instructions.at(-1)!.mnemonic, 'Return');
  assert.deepEqual(
    printout.other.filter((l) => l.trim() !== ''),
    ['12 3'],
  );
});

test('function events: scripts by id, functions compiled in order with their offsets', () => {
  const events = parseFunctionEvents('script-details,99,file:///t.mjs,0,0,\nfunction,interpreter,99,12,99,0.003,32745,add\nfunction,first-execution,99,12,99,0,32748,add\n');
  assert.equal(events.scripts.get(99), 'file:///t.mjs');
  assert.deepEqual(events.compiled, [{ scriptId: 99, start: 12, end: 99, name: 'add' }]);
});

function program(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-dis-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(
    path.join(dir, 'prog.ts'),
    'export function add(a: number, b: number): number {\n  let s: number = 0;\n  for (let i = 0; i < a; i++) {\n    s += b * i;\n  }\n  return s;\n}\n' +
      'class Sim {\n  step(x: number): number {\n    return x + 1;\n  }\n}\nconsole.log(add(3, 4), new Sim().step(2));\n',
  );
  return dir;
}

function dis(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, 'dis', ...args], { cwd, encoding: 'utf8' });
}

test("dis -f NAME on TypeScript: by TypeScript line, its source, jump targets marked; the program's output on stderr", () => {
  const cwd = program();
  const result = dis(['-f', 'add', 'prog.ts'], cwd);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Disassembly of add \(prog\.ts:1\), \d+ instructions, 3 registers:\n {3}2 {2}let s: number = 0;\n +0 LdaZero/);
  assert.match(result.stdout, /\n {3}4 {2}s \+= b \* i;\n +\d+ Ldar +r1\n/);
  assert.match(result.stdout, />> +\d+ /);
  assert.match(result.stdout, /JumpLoop +\[\d+\], \[0\], \[\d+\] \(to \d+\)/);
  assert.match(result.stdout, /\n {3}6 {2}return s;\n/);
  assert.match(result.stderr, /^12 3$/m);
});

test('dis --count, Class.method, and --compare A B', () => {
  const cwd = program();
  const counts = dis(['-f', 'Sim.step', '--count', 'prog.ts'], cwd);
  assert.equal(counts.status, 0, counts.stderr);
  assert.match(counts.stdout, /^Instructions of Sim\.step \(prog\.ts:9\)\nLine {2}Count {2}Source\n {2}10 +\d+ {2}return x \+ 1;\nTotal: \d+ instructions\n/);
  const compare = dis(['--compare', 'add', 'Sim.step', 'prog.ts'], cwd);
  assert.equal(compare.status, 0, compare.stderr);
  assert.match(compare.stdout, /^add \(prog\.ts:1\) +\| Sim\.step \(prog\.ts:9\)\n/);
  assert.match(compare.stdout, /Innermost loop body: \d+ +\| Innermost loop body: -/);
});

test('dis file:line, and several -f in one run', () => {
  const cwd = program();
  const byLine = dis(['-f', 'prog.ts:9', 'prog.ts'], cwd);
  assert.equal(byLine.status, 0, byLine.stderr);
  assert.match(byLine.stdout, /^Disassembly of Sim\.step \(prog\.ts:9\)/);
  const both = dis(['-f', 'add', '-f', 'Sim.step', '--count', 'prog.ts'], cwd);
  assert.equal(both.status, 0, both.stderr);
  assert.match(both.stdout, /^Instructions of add \(prog\.ts:1\)\n(.*\n)+\nInstructions of Sim\.step \(prog\.ts:9\)\n/);
});

test('bad input: a function that matches nothing, no function, --help', () => {
  const cwd = program();
  const missing = dis(['-f', 'nosuch', 'prog.ts'], cwd);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^hotpath dis: no compiled function matched 'nosuch' \(compiled: .*add.*\)/m);
  const none = dis(['prog.ts'], cwd);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /pick a function: -f NAME/);
  const help = dis(['--help'], cwd);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--compare/);
});

test("V8's trace of its optimising compiler: a concurrent compile and a synchronous one both end in 'optimized'", () => {
  const trace = [
    '[completed optimizing 0x2f5e0c3a1 <JSFunction area (sfi = 0x1296876b231)> (target TURBOFAN)]',
    '[completed compiling 0x211ce9831f99 <JSFunction sum (sfi = 0x3e02122b2c1)> (target TURBOFAN) - took 0.031, 0.609, 0.013 ms]',
    '[completed optimizing 0x2f5e0c3a9 <JSFunction loop (sfi = 0x1296876b2f1)> (target TURBOFAN) OSR]',
  ].join('\n');
  assert.deepEqual(
    parseOptTrace(trace).map((e) => [e.kind, e.name, e.sfi, 'osr' in e && e.osr]),
    [
      ['optimized', 'area', 0x1296876b231n, false],
      ['optimized', 'sum', 0x3e02122b2c1n, false],
      ['optimized', 'loop', 0x1296876b2f1n, true],
    ],
  );
});

function deoptingProgram(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-dis-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  // area() is optimised for one object shape, then given another: V8 deoptimises area's own
  // code ("wrong map"). Left to itself, V8 decides when and what to optimise (its compiler
  // runs concurrently, and may inline area into the loop and deoptimise the loop instead);
  // V8's test hooks, enabled at run time, make it optimise area now, synchronously.
  fs.writeFileSync(
    path.join(dir, 'shapes.ts'),
    'interface Box { w: number; h: number }\nfunction area(s: Box): number {\n  return s.w * s.h;\n}\n' +
      "import { setFlagsFromString } from 'node:v8';\nsetFlagsFromString('--allow-natives-syntax');\n" +
      "new Function('f', '%PrepareFunctionForOptimization(f)')(area);\n" +
      'let t = area({ w: 1, h: 2 }) + area({ w: 2, h: 2 });\n' +
      "new Function('f', '%OptimizeFunctionOnNextCall(f)')(area);\n" +
      't += area({ w: 3, h: 2 });\nt += area({ h: 2, w: 4, extra: 1 } as Box);\nconsole.log(t > 0);\n',
  );
  return dir;
}

test('dis --opt: when V8 optimised the function, and its deopt with the reason and the TypeScript line', () => {
  const result = dis(['--opt', '--count', '-f', 'area', 'shapes.ts'], deoptingProgram());
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /V8's tiers for area:\n {2}compiled by Ignition at [\d.]+ ms.*\n(.*\n)*? {2}optimised by TURBOFAN\n(.*\n)*? {2}deoptimised \(deopt-eager\): wrong map, line 3: return s\.w \* s\.h;/,
  );
});

test('dis --deopts: every deopt of the program by place and reason, named by function', () => {
  const result = dis(['--deopts', 'shapes.ts'], deoptingProgram());
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Deopts +Function \(file:line\) +Reason +Source\n/);
  assert.match(result.stdout, /^ +1 {2}area \(shapes\.ts:3\) +wrong map \(deopt-eager\) +return s\.w \* s\.h;$/m);
  assert.doesNotMatch(result.stdout, /hotpath|node_modules/);
});

test('the same output for a .ts file run from source and for its compiled .js with a source map', async () => {
  const cwd = program();
  const { default: ts } = await import('typescript');
  const source = fs.readFileSync(path.join(cwd, 'prog.ts'), 'utf8');
  const out = ts.transpileModule(source, { fileName: 'prog.ts', compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true } });
  fs.mkdirSync(path.join(cwd, 'out'));
  fs.writeFileSync(path.join(cwd, 'out', 'prog.js'), out.outputText.replace('//# sourceMappingURL=prog.js.map', '//# sourceMappingURL=prog.js.map'));
  fs.writeFileSync(path.join(cwd, 'out', 'prog.js.map'), out.sourceMapText!.replace('"sources":["prog.ts"]', '"sources":["../prog.ts"]'));
  const fromSource = dis(['--count', '-f', 'add', 'prog.ts'], cwd);
  const compiled = dis(['--count', '-f', 'add', 'out/prog.js'], cwd);
  assert.equal(compiled.status, 0, compiled.stderr);
  assert.match(fromSource.stdout, /^Instructions of add \(prog\.ts:1\)/);
  assert.equal(compiled.stdout, fromSource.stdout);
});

test("the chapter's evolve: every line of the inner loop body has instructions under its own line, and the lines sum to the total", () => {
  const example = fileURLToPath(new URL('../../../../examples/dis-evolve.ts', import.meta.url));
  const result = dis(['--count', '-f', 'ParticleSimulator.evolve', example], path.dirname(example));
  assert.equal(result.status, 0, result.stderr);
  const rows = [...result.stdout.matchAll(/^ +(\d+) +(\d+) {2}(.*)$/gm)].map((m) => ({ line: Number(m[1]), count: Number(m[2]), source: m[3]! }));
  for (const statement of ['const norm = Math.sqrt', 'const vx =', 'const vy =', 'const dx =', 'const dy =', 'p.x += dx', 'p.y += dy']) {
    assert.ok(
      rows.some((r) => r.source.startsWith(statement) && r.count > 0),
      `${statement}: ${result.stdout}`,
    );
  }
  const total = Number(/^Total: (\d+) instructions$/m.exec(result.stdout)![1]);
  assert.equal(
    rows.reduce((sum, r) => sum + r.count, 0),
    total,
  );
});

test('dis --opt names what TurboFan inlined into the function', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-dis-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  fs.writeFileSync(
    path.join(dir, 'inline.ts'),
    'function add(a: number, b: number): number {\n  return a + b;\n}\nfunction sum(n: number): number {\n  let s = 0;\n  for (let i = 0; i < n; i++) s = add(s, i);\n  return s;\n}\n' +
      'let t = 0;\nfor (let k = 0; k < 2000; k++) t += sum(1000);\nconsole.log(t > 0);\n',
  );
  const result = dis(['--opt', '--count', '-f', 'sum', 'inline.ts'], dir);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /V8's tiers for sum:\n(.*\n)*? {2}optimised by TURBOFAN/);
  assert.match(result.stdout, /inlined into it by TurboFan: add\b/);
  // From V8's --log-code: each tier's code for sum, and when.
  assert.match(result.stdout, /compiled by Ignition at [\d.]+ ms, then .*TurboFan at [\d.]+ ms/);
});
