// One definition of a line hit, on code nobody here wrote: every function of prettier's
// document printer (an ES module) and of lodash (CommonJS) measured by both `hotpath lines`
// modes on one small fixed run (fixtures/line-hits/libraries.mjs) must give the same hits on every line. The two modes
// count differently (counters per basic block, events per line), so any line where they part
// is a statement kind one of them reads wrongly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfileSync } from '../src/model/file.js';
import { BIN, FIXTURES, REPO, tempDir } from './profile-helpers.js';

const PROGRAM = path.join(FIXTURES, 'line-hits', 'libraries.mjs');
const PRETTIER_DOC = path.join(REPO, 'node_modules/prettier/doc.mjs');
const LODASH = path.join(REPO, 'node_modules/lodash/lodash.js');

/**
 * `file:line` -> hits of every line with hits, in each library, as one mode measured them; and
 * every measured function of the libraries as `name file:line:column`.
 */
function measuredUnder(mode: 'sample' | 'trace', expectedOutput: string): { hits: Map<string, number>; functions: string[] } {
  const out = path.join(tempDir(), `${mode}.json`);
  // The tables of every function of both libraries run to megabytes: more than spawnSync's default buffer.
  const args = ['lines', '--mode', mode, '--trace-node-modules', '-f', PRETTIER_DOC, '-f', LODASH, '-o', out, PROGRAM];
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: REPO, maxBuffer: 256 * 1024 * 1024 });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(run.stdout.startsWith(expectedOutput), run.stdout.slice(0, 300));
  const profile = loadProfileSync(out);
  const hits = new Map<string, number>();
  for (const row of profile.lines ?? []) {
    const file = profile.frames[row.frame]!.file;
    if (!row.hits || (file !== PRETTIER_DOC && file !== LODASH)) continue;
    const key = `${path.basename(file)}:${row.line}`;
    hits.set(key, (hits.get(key) ?? 0) + row.hits);
  }
  const functions = profile.frames
    .filter((frame) => frame.file === PRETTIER_DOC || frame.file === LODASH)
    .map((frame) => `${frame.name} ${path.basename(frame.file)}:${frame.line}:${frame.column}`)
    .sort();
  return { hits, functions };
}

test("prettier's document printer and lodash: both line modes give the same hits on every line, and place every function alike", () => {
  const plain = spawnSync(process.execPath, [PROGRAM], { encoding: 'utf8' });
  assert.equal(plain.status, 0, plain.stderr);
  const [sampled, traced] = [measuredUnder('sample', plain.stdout), measuredUnder('trace', plain.stdout)];
  assert.deepEqual(sampled.functions, traced.functions);
  assert.ok(sampled.functions.length > 300, `${sampled.functions.length} functions`);
  const [sample, trace] = [sampled.hits, traced.hits];
  const lines = [...new Set([...sample.keys(), ...trace.keys()])];
  const differ = lines.filter((key) => sample.get(key) !== trace.get(key)).map((key) => `${key}: sample ${sample.get(key) ?? 0}, trace ${trace.get(key) ?? 0}`);
  assert.deepEqual(differ, []);
  const count = (name: string) => lines.filter((key) => key.startsWith(name)).length;
  assert.ok(count('doc.mjs:') > 150 && count('lodash.js:') > 200, `${count('doc.mjs:')} doc.mjs lines, ${count('lodash.js:')} lodash lines with hits`);
});
