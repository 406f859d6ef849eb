// cli/main.ts loads only the module of the command being run: help and dispatch must still
// know every command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../src/version.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const COMMANDS = ['stats', 'view', 'convert', 'profile', 'lines', 'timeit', 'bench', 'time', 'repl', 'dis', 'mprof', 'memory'];

function hotpath(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

test('--help lists every command, in order; --version prints the version and loads none', () => {
  const help = hotpath('--help');
  assert.equal(help.status, 0);
  const listed = [...help.stdout.matchAll(/^ {2}(\w+) /gm)].map((m) => m[1]);
  assert.deepEqual(listed, [...COMMANDS, 'help']);
  for (const flag of ['--version', '-V']) {
    const version = hotpath(flag);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), VERSION);
  }
});

test('each command runs and has its help, alone or through `hotpath help NAME`', () => {
  for (const name of COMMANDS) {
    const own = hotpath(name, '--help');
    assert.equal(own.status, 0, name);
    assert.match(own.stdout, new RegExp(`^Usage: hotpath ${name} `), name);
    assert.equal(hotpath('help', name).stdout, own.stdout, name);
  }
});

test('an unknown command is a usage error naming it, with every command listed, exit 2', () => {
  const result = hotpath('profiel');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /unknown command 'profiel'/);
  assert.match(result.stderr, /\(Did you mean profile\?\)/);
  for (const name of COMMANDS) assert.match(result.stderr, new RegExp(`^  ${name} `, 'm'), name);
});

test('a reader that closes stdout early ends the command quietly: exit 0, nothing on stderr', () => {
  // 3000 functions: a stats table of about 300 KB, more than a pipe holds, so writes fail with EPIPE.
  const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-epipe-'));
  const names = Array.from({ length: 3000 }, (_, i) => `f${i}`);
  writeFileSync(path.join(dir, 'many.js'), names.map((n) => `function ${n}() {}\n${n}();\n`).join(''));
  assert.equal(hotpath('profile', '--mode', 'trace', '-o', path.join(dir, 'many.json'), path.join(dir, 'many.js')).status, 0);
  const run = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${BIN}" stats "${path.join(dir, 'many.json')}" | head -c 10`], { encoding: 'utf8' });
  assert.equal(run.stdout.length, 10);
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
});
