// require() of a .cjs file under every mode: Node 20 has no Module._extensions['.cjs'], and
// hotpath's CommonJS hook once wrapped it anyway (`TypeError: original is not a function`).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { hitLines, linesIn, PROFILE_MODES, profileIn, reference, whereIs } from './loader-helpers.js';
import { FIXTURES } from './profile-helpers.js';

const DIR = path.join(FIXTURES, 'loader/cjs');

test('a .cjs file required from a .cjs file runs in every mode, as under node', () => {
  const node = reference('main.cjs', DIR);
  assert.equal(node.stdout, '9999900000\n');
  for (const mode of PROFILE_MODES) {
    const { run, profile } = profileIn(DIR, 'main.cjs', mode);
    assert.equal(run.status, node.status, `${mode}: ${run.stderr}`);
    assert.ok(run.stdout.startsWith(node.stdout), mode);
    assert.deepEqual(whereIs(profile, 'twice', DIR), ['helper.cjs:2'], mode);
  }
  for (const mode of ['sample', 'trace'] as const) {
    const { run, profile } = linesIn(DIR, 'main.cjs', mode, ['twice']);
    assert.equal(run.status, 0, `${mode}: ${run.stderr}`);
    assert.deepEqual(hitLines(profile, DIR), ['helper.cjs:3=100000'], mode);
  }
});

test('require() of TypeScript in an ES module package runs it as CommonJS, as under tsx', () => {
  const dir = path.join(FIXTURES, 'loader/require-esm-ts');
  const tsx = reference('main.cjs', dir, 'tsx');
  assert.equal(tsx.stdout, '42\n');
  for (const mode of PROFILE_MODES) {
    const { run } = profileIn(dir, 'main.cjs', mode);
    assert.equal(run.status, 0, `${mode}: ${run.stderr}`);
    assert.ok(run.stdout.startsWith(tsx.stdout), mode);
  }
});

test('an ES module loaded by require() (Node 20.19+) is counted and line-profiled in every mode', () => {
  const dir = path.join(FIXTURES, 'loader/require-mjs');
  const node = reference('main.cjs', dir);
  assert.equal(node.stdout, '1498500\n');
  for (const mode of PROFILE_MODES) {
    const { run, profile } = profileIn(dir, 'main.cjs', mode);
    assert.equal(run.status, 0, `${mode}: ${run.stderr}`);
    assert.ok(run.stdout.startsWith(node.stdout), mode);
    const thrice = profile.functions.find((fn) => profile.frames[fn.frame]!.name === 'thrice');
    assert.equal(thrice?.calls, 1000, `${mode}: thrice's calls`);
    assert.deepEqual(whereIs(profile, 'thrice', dir), ['task.mjs:1'], mode);
  }
  for (const mode of ['sample', 'trace'] as const) {
    const { run, profile } = linesIn(dir, 'main.cjs', mode, ['thrice']);
    assert.equal(run.status, 0, `${mode}: ${run.stderr}`);
    assert.deepEqual(hitLines(profile, dir), ['task.mjs:2=1000'], mode);
  }
});
