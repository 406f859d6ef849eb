// The command line of `hotpath profile` and `hotpath lines` as a runner: Node's flags, bins
// of node_modules/.bin, one-line errors of hotpath's own, and runs that recorded nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { FIXTURES, hotpath, profileTo, REPO, tempDir } from './profile-helpers.js';
import { refusedNodeArg, splitNodeArgs } from '../src/cli/node-args.js';
import { ownErrorLine } from '../src/runner/own-errors.js';
import { readCapture } from '../src/runner/capture-file.js';
import { loadProfileSync } from '../src/model/file.js';

const GC_FLAG = path.join(FIXTURES, 'programs', 'gc-flag.cjs');

/** Asserts a run failed as hotpath's usage errors do: one line on stderr, exit 2, nothing on stdout. */
function assertOneLineError(run: ReturnType<typeof hotpath>, pattern: RegExp): void {
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, pattern);
  assert.equal(run.stdout, '');
}

test('node flags after -- reach node, and the script still gets its own arguments', () => {
  const run = hotpath(['profile', '-o', path.join(tempDir(), 'p.json'), '--', '--expose-gc', GC_FLAG, 'a', '--b']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'gc: function; argv: ["a","--b"]\n');
  const plain = hotpath(['profile', '-o', path.join(tempDir(), 'p.json'), GC_FLAG]);
  assert.equal(plain.stdout, 'gc: undefined; argv: []\n');
});

test('--node-arg passes a flag to node, in profile and in lines', () => {
  const { run } = profileTo('--node-arg=--expose-gc', [], [GC_FLAG]);
  assert.equal(run.stdout, 'gc: function; argv: []\n');
  const lines = hotpath(['lines', '-f', 'report', '--node-arg', '--expose-gc', GC_FLAG]);
  assert.equal(lines.status, 0, lines.stderr);
  assert.match(lines.stdout, /^gc: function; argv: \[\]\n/);
  assert.match(lines.stdout, /Function: report at line 2/);
  const separated = hotpath(['lines', '-f', 'report', '--', '--expose-gc', GC_FLAG]);
  assert.match(separated.stdout, /^gc: function;/);
});

test('splitNodeArgs: flags up to the script, a value after the flags that take one, the rest for the script', () => {
  assert.deepEqual(splitNodeArgs(['--expose-gc', '-r', './setup.js', '--max-old-space-size=64', 'app.js', '--port', '1']), {
    nodeArgs: ['--expose-gc', '-r', './setup.js', '--max-old-space-size=64'],
    script: 'app.js',
    args: ['--port', '1'],
  });
  assert.deepEqual(splitNodeArgs(['app.js'], ['--expose-gc']), { nodeArgs: ['--expose-gc'], script: 'app.js', args: [] });
  assert.equal(splitNodeArgs(['--expose-gc']).script, undefined);
  assert.equal(refusedNodeArg('--expose-gc'), null);
  assert.match(refusedNodeArg('--eval=1') ?? '', /--eval does not run a script/);
});

test('a flag that runs no script, a missing script, no script: one line, exit 2', () => {
  assertOneLineError(hotpath(['profile', '--', '-e', '1', GC_FLAG]), /^hotpath profile: the node flag -e does not run a script/);
  assertOneLineError(hotpath(['profile', '--', '--expose-gc']), /^hotpath profile: missing the script to run/);
  assertOneLineError(
    hotpath(['profile', '--expose-gc', GC_FLAG]),
    /^hotpath profile: unknown option '--expose-gc' \(a flag for node goes after --: -- --expose-gc script\.js, or --node-arg=--expose-gc\)$/m,
  );
  assertOneLineError(
    hotpath(['profile', 'no-such-bin-or-file']),
    /^hotpath profile: cannot find the script no-such-bin-or-file \(no such file, and no no-such-bin-or-file in node_modules\/\.bin\)/,
  );
  assertOneLineError(hotpath(['lines', '-f', 'x', 'no-such-bin-or-file']), /^hotpath lines: cannot find the script no-such-bin-or-file/);
});

test("a bin of node_modules/.bin runs as npx runs it: acorn's, with acorn's functions shown as the program's", () => {
  const input = path.join(REPO, 'node_modules/lodash/lodash.js');
  const output = path.join(tempDir(), 'p.json');
  const run = hotpath(['profile', '-o', output, 'acorn', '--ecma2020', '--silent', input]);
  const plain = spawnSync(process.execPath, [path.join(REPO, 'node_modules/acorn/bin/acorn'), '--ecma2020', '--silent', input], { encoding: 'utf8' });
  assert.equal(run.status, plain.status, run.stderr);
  assert.equal(run.stdout, plain.stdout);
  const profile = JSON.parse(fs.readFileSync(output, 'utf8')) as {
    frames: Array<{ file: string; category: string }>;
    functions: Array<{ frame: number; self: number }>;
    meta: { command: string[] };
  };
  const acorn = profile.functions.filter((fn) => profile.frames[fn.frame]!.file.includes(`${path.sep}acorn${path.sep}dist${path.sep}acorn.js`));
  assert.ok(acorn.length > 0 && acorn.every((fn) => profile.frames[fn.frame]!.category === 'user'));
  assert.ok(acorn.reduce((sum, fn) => sum + fn.self, 0) > 0, 'no time in acorn');
});

test("a shell shim in node_modules/.bin (pnpm's, cmd-shim's) is followed to its JavaScript file, from a directory below too", () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules/tool/bin'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'node_modules/tool/bin/cli.js'), 'function greet(args) {\n  console.log(`tool ${JSON.stringify(args)}`);\n}\ngreet(process.argv.slice(2));\n');
  const shim =
    '#!/bin/sh\nbasedir=$(dirname "$(echo "$0" | sed -e \'s,\\\\,/,g\')")\nif [ -x "$basedir/node" ]; then\n  exec "$basedir/node"  "$basedir/../tool/bin/cli.js" "$@"\nelse\n  exec node  "$basedir/../tool/bin/cli.js" "$@"\nfi\n';
  fs.writeFileSync(path.join(dir, 'node_modules/.bin/tool'), shim, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'node_modules/.bin/native'), '#!/bin/sh\necho native\n', { mode: 0o755 });
  const run = hotpath(['profile', '-o', path.join(dir, 'p.json'), 'tool', 'x', '--y'], { cwd: path.join(dir, 'sub') });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'tool ["x","--y"]\n');
  // Trace mode instruments the script's own package, though node_modules are not by default.
  const traced = hotpath(['profile', '--mode', 'trace', '-o', path.join(dir, 't.json'), 'tool'], { cwd: dir });
  assert.equal(traced.status, 0, traced.stderr);
  const profile = loadProfileSync(path.join(dir, 't.json'));
  const greet = profile.functions.find((fn) => profile.frames[fn.frame]!.name === 'greet');
  assert.equal(greet?.calls, 1);
  assert.equal(profile.frames[greet.frame]!.category, 'user');
  assertOneLineError(hotpath(['profile', 'native'], { cwd: dir }), /^hotpath profile: node_modules\/\.bin\/native is not a Node\.js script/);
});

test("an error of the program stays the program's; a run that recorded nothing prints no table", () => {
  const dir = tempDir();
  const script = path.join(dir, 'broken.cjs');
  fs.writeFileSync(script, 'const x = ;\n');
  const plain = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  const run = hotpath(['profile', script]);
  assert.equal(run.status, plain.status);
  assert.equal(run.stdout, '');
  // Node's report of the program's SyntaxError, as node prints it, then one line of hotpath's.
  assert.ok(run.stderr.startsWith(plain.stderr.split('\n    at ')[0]!), run.stderr);
  assert.match(run.stderr.trimEnd().split('\n').at(-1)!, /^hotpath profile: .*broken\.cjs recorded nothing of the program/);
});

test("ownErrorLine: an error thrown by hotpath's code is one line; the program's and Node's are not hotpath's", () => {
  const file = path.join(tempDir(), 'not-a-capture.json');
  fs.writeFileSync(file, '{"format":"other"}');
  let ours: unknown;
  try {
    readCapture(file);
  } catch (error) {
    ours = error;
  }
  assert.match(ownErrorLine(ours) ?? '', /hotpath failed while loading it: Error: .*not-a-capture\.json is not a hotpath capture \(file:.*capture-file\.js\)$/);
  assert.equal(ownErrorLine(new Error('the program failed')), null);
  let fromNode: unknown;
  try {
    fs.readFileSync(path.join(file, 'missing'));
  } catch (error) {
    fromNode = error;
  }
  assert.equal(ownErrorLine(fromNode), null);
  assert.equal(ownErrorLine('a string'), null);
});
