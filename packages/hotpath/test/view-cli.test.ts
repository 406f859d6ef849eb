// `hotpath view` through the real CLI: the report file and its default name, and for every bad
// input a one-line error naming the file, exit code 2 and no report file left behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveProfileSync, serializeProfile } from '../src/model/file.js';
import { taylorViewProfile } from './view-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-view-cli-'));
const taylorFile = path.join(dir, 'taylor.json');
saveProfileSync(taylorFile, taylorViewProfile(dir));

function hotpath(args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
}

/** Files in `dir` now, temporary ones included. */
function listing(): string[] {
  return fs.readdirSync(dir).sort();
}

test('hotpath view PROFILE writes PROFILE.html beside it, -o writes where asked', () => {
  const run = hotpath(['view', taylorFile]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /^hotpath view: wrote .*taylor\.html \(\d+ KiB\)\n$/);
  const html = fs.readFileSync(path.join(dir, 'taylor.html'), 'utf8');
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<title>hotpath: examples\/taylor\.ts<\/title>/);
  assert.match(html, /"label":"examples\/taylor\.ts:1\(factorial\)"/);
  const other = path.join(dir, 'report.html');
  assert.equal(hotpath(['view', taylorFile, '-o', other]).status, 0);
  assert.ok(fs.existsSync(other));
});

test('a V8 .cpuprofile (node --cpu-prof) is read as well, its report named after it', () => {
  const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'app.cpuprofile', '-e', 'let s = 0; for (let i = 0; i < 1e6; i++) s += i;'], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  const view = hotpath(['view', path.join(dir, 'app.cpuprofile')]);
  assert.equal(view.status, 0, view.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'app.html'), 'utf8'), /"mode":"imported"/);
});

test('bad input: one line naming the file, exit 2, no report and no temporary file left', () => {
  const cases: [string, string, RegExp][] = [
    ['missing.json', '', /missing\.json does not exist/],
    ['notes.json', '{"hello": 1}', /notes\.json is not a hotpath profile/],
    ['cut.json', serializeProfile(taylorViewProfile(dir)).slice(0, 500), /cut\.json is truncated or corrupt/],
    ['empty.json', '', /empty\.json is truncated or corrupt/],
  ];
  for (const [name, text, message] of cases) {
    const input = path.join(dir, name);
    if (name !== 'missing.json') fs.writeFileSync(input, text);
    const before = listing();
    const out = path.join(dir, `${name}.html`);
    const run = hotpath(['view', input, '-o', out]);
    assert.equal(run.status, 2, name);
    assert.match(run.stderr, message);
    assert.match(run.stderr, /^hotpath view: [^\n]+\n$/, 'one line');
    assert.ok(!run.stderr.includes('    at '), 'no stack trace');
    assert.deepEqual(listing(), before, `${name}: nothing written`);
  }
});

test('an existing report survives a failed run, and the profile cannot be its own output', () => {
  const out = path.join(dir, 'keep.html');
  fs.writeFileSync(out, 'old report');
  assert.equal(hotpath(['view', path.join(dir, 'missing.json'), '-o', out]).status, 2);
  assert.equal(fs.readFileSync(out, 'utf8'), 'old report');
  const self = hotpath(['view', taylorFile, '-o', taylorFile]);
  assert.equal(self.status, 2);
  assert.match(self.stderr, /taylor\.json is the profile itself/);
  const unwritable = hotpath(['view', taylorFile, '-o', path.join(dir, 'no-such-dir', 'r.html')]);
  assert.equal(unwritable.status, 2);
  assert.match(unwritable.stderr, /^hotpath view: cannot write .*r\.html: ENOENT/);
});

test('--max-nodes must be a count; --open says so when there is nothing to open with', () => {
  const bad = hotpath(['view', taylorFile, '--max-nodes', 'lots']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /expected an integer of at least 100/);
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-empty-path-'));
  const open = hotpath(['view', taylorFile, '-o', path.join(dir, 'opened.html'), '--open'], { ...process.env, PATH: bin });
  assert.equal(open.status, 0, open.stderr);
  assert.match(open.stderr, /could not open the report \(xdg-open not found\); open .*opened\.html yourself/);
});
