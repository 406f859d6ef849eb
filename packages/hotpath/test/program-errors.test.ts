// What a program's errors show under hotpath, in every mode: what they show under the
// program's own runner (tsx for TypeScript, node for JavaScript). The uncaught error's
// display (file:line, the source line, the caret), its message, the frames of the program's
// files in it, the stack the program prints itself and the exit code are the runner's, though
// what Node runs is hotpath's code (types blanked, TypeScript compiled, counters and tracers
// inserted). Frames of Node's internals and of the runner itself (tsx's loader, hotpath's
// preload) below the program are left out: they are each runner's own.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { reference } from './loader-helpers.js';
import { BIN, FIXTURES, hotpath, REPO, tempDir } from './profile-helpers.js';

const ESM = path.join(FIXTURES, 'program-errors/esm');
const CJS = path.join(FIXTURES, 'program-errors/cjs');

/** Every capture mode, `pick` the function the line captures measure. */
function modes(pick: string, output: string): Record<string, string[]> {
  return {
    profile: ['profile', '-o', output],
    'profile --mode trace': ['profile', '--mode', 'trace', '-o', output],
    lines: ['lines', '-f', pick, '-o', output],
    'lines --mode trace': ['lines', '--mode', 'trace', '-f', pick, '-o', output],
    memory: ['memory', '-f', pick, '-o', output],
  };
}

/** `script` (in `dir`) under each mode, node given `nodeFlags`. */
function underEachMode(dir: string, script: string, pick: string, nodeFlags: string[] = []): Array<[string, SpawnSyncReturns<string>]> {
  const output = path.join(tempDir(), 'out.json');
  const flags = nodeFlags.map((flag) => `--node-arg=${flag}`);
  return Object.entries(modes(pick, output)).map(([mode, args]) => [mode, hotpath([...args, ...flags, script], { cwd: dir })]);
}

// The runners' own frames: Node's internals, tsx's loader, hotpath's preload and hooks.
const HOTPATH_CODE = pathToFileURL(path.resolve(path.dirname(BIN), '../dist/src')).href;
const TSX_CODE = path.join(REPO, 'node_modules/tsx/');
const runnerFrame = (line: string): boolean => /^\s+at /.test(line) && (/[( ]node:/.test(line) || line.includes(HOTPATH_CODE) || line.includes(TSX_CODE));

/** The program's part of an error report: all of it but the runner's frames. */
function programPart(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !runnerFrame(line))
    .join('\n');
}

/** Asserts that each mode's run ended, printed and reported its error as the reference did. */
function assertSameErrors(runs: Array<[string, SpawnSyncReturns<string>]>, expected: SpawnSyncReturns<string>, part = programPart): void {
  assert.notEqual(expected.status, 0, `the reference run must end by an error: ${expected.stderr}`);
  assert.match(part(expected.stderr), /^\s+at .*program-errors/m, 'the reference run must report an error in the program');
  for (const [mode, run] of runs) {
    assert.equal(run.status, expected.status, `${mode}: exit code (${run.stderr})`);
    // The line captures print their tables after the program's own output.
    assert.ok(run.stdout.startsWith(expected.stdout), `${mode}: stdout\n${run.stdout}\n--- expected it to start with ---\n${expected.stdout}`);
    assert.equal(part(run.stderr), part(expected.stderr), `${mode}: stderr`);
  }
}

test("a TypeScript program's errors are tsx's in every mode: the TypeScript line, tsx's positions", () => {
  for (const [script, pick] of [
    ['one-line.ts', 'f'], // the error on the line the function starts on, where every capture inserts
    ['nested.ts', 'parse'],
    ['compiled.ts', 'Gauge.read'], // TypeScript's compiler (an enum, a parameter property): its map
    ['use-dist.ts', 'clamp'], // a compiled library's own map counts, as under tsx
  ] as const) {
    const tsx = reference(script, ESM);
    assertSameErrors(underEachMode(ESM, script, pick), tsx);
  }
});

test("a JavaScript program's errors are node's in every mode: its own columns, node's format", () => {
  for (const [script, pick] of [
    ['nested.js', 'load'], // a frame on a line the captures change (`forEach((line) => ...)`)
    ['use-dist.js', 'run'], // a compiled library's own map does not count, as under node
    ['worker-main.js', 'work'], // thrown in a worker thread, which reports it to the main one
  ] as const) {
    const node = reference(script, ESM);
    assertSameErrors(underEachMode(ESM, script, pick), node);
  }
});

test("a JavaScript program's own maps count where node is told to use them (--enable-source-maps)", () => {
  const node = spawnSync(process.execPath, ['--enable-source-maps', 'use-dist.js'], { encoding: 'utf8', cwd: ESM });
  assert.match(node.stderr, /at clamp \(\S+src\/lib\.ts:7:11\)/);
  assertSameErrors(underEachMode(ESM, 'use-dist.js', 'clamp', ['--enable-source-maps']), node);
});

// hotpath starts every program with a preload (`node --import`), and Node 20 then runs a
// CommonJS entry through its ES module loader, which puts an uncaught error's caret where the
// error was made (`new Error`), not where it was thrown: node with a preload of its own is
// the reference for what hotpath adds.
const NODE_WITH_PRELOAD = ['--import', 'data:text/javascript,'];

test("a CommonJS program's errors are node's in every mode (node with a preload, as hotpath is one)", () => {
  const node = spawnSync(process.execPath, [...NODE_WITH_PRELOAD, 'nested.js'], { encoding: 'utf8', cwd: CJS });
  assertSameErrors(underEachMode(CJS, 'nested.js', 'load'), node);
  // The preload moves the caret and nothing else of the program's part.
  const plain = reference('nested.js', CJS);
  const caret = (stderr: string): string => programPart(stderr).split('\n')[2]!;
  assert.notEqual(caret(plain.stderr), caret(node.stderr));
  assert.equal(programPart(plain.stderr).replace(caret(plain.stderr), ''), programPart(node.stderr).replace(caret(node.stderr), ''));
});

test("a CommonJS TypeScript program's errors are tsx's in every mode, in the program's functions", () => {
  // tsx runs such a file inside a wrapper of its own: its top-level frames are tsx's.
  const inFunctions = (stderr: string): string =>
    programPart(stderr)
      .split('\n')
      .filter((line) => !/^\s+at (?:Object\.)?<anonymous> /.test(line))
      .join('\n');
  const tsx = reference('nested.cts', CJS);
  assert.match(inFunctions(tsx.stderr), /at Table\.load /);
  assertSameErrors(underEachMode(CJS, 'nested.cts', 'parse'), tsx, inFunctions);
});

test('an error on a JavaScript line a capture changed shows the line and caret of the file, as Node shows a mapped one', () => {
  for (const [dir, script, node] of [
    [ESM, 'one-line.js', reference('one-line.js', ESM)],
    [CJS, 'one-line.cjs', spawnSync(process.execPath, [...NODE_WITH_PRELOAD, 'one-line.cjs'], { encoding: 'utf8', cwd: CJS })],
  ] as const) {
    // Node's display of a mapped line: the file as a path, one more blank line after the caret.
    const [where, ...rest] = programPart(node.stderr).split('\n');
    const mapped = [where!.replace(/^file:\/\/\S+(?=:\d+$)/, (url) => new URL(url).pathname), ...rest.slice(0, 2), '', ...rest.slice(2)].join('\n');
    assert.notEqual(mapped, programPart(node.stderr));
    assertSameErrors(underEachMode(dir, script, 'f'), { ...node, stderr: mapped }, (stderr) => programPart(stderr));
  }
});
