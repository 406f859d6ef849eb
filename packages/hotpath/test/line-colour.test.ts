// `hotpath lines -r/--rich`: colour only where asked and wanted, and the same table underneath.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { colourLineTable, wantsColour } from '../src/report/line-colour.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const plain = (text: string) => text.replace(/\u001b\[[\d;]*m/g, '');

test('when to colour: --rich on a terminal, or FORCE_COLOR; never NO_COLOR on a terminal', () => {
  assert.equal(wantsColour(false, { isTTY: true }, {}), false);
  assert.equal(wantsColour(true, { isTTY: true }, {}), true);
  assert.equal(wantsColour(true, { isTTY: false }, {}), false, 'piped');
  assert.equal(wantsColour(true, { isTTY: true }, { NO_COLOR: '1' }), false);
  assert.equal(wantsColour(true, { isTTY: false }, { FORCE_COLOR: '1' }), true);
  assert.equal(wantsColour(true, { isTTY: true }, { FORCE_COLOR: '0', NO_COLOR: '' }), false);
});

test('hotpath lines -r: hot lines red, keywords coloured, the text underneath the plain table', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-colour-'));
  const script = path.join(dir, 'work.mjs');
  fs.writeFileSync(script, 'function work(n) {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += Math.sqrt(i);\n  return s;\n}\nwork(3e6);\n');
  const env = (extra: NodeJS.ProcessEnv) => ({ ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...extra });
  const saved = path.join(dir, 'work.json');
  const measured = spawnSync(process.execPath, [BIN, 'lines', '-r', '-f', 'work', '-o', saved, script], { encoding: 'utf8', env: env({}) });
  assert.equal(measured.status, 0, measured.stderr);
  // One measurement printed twice (which lines get a sample differs from run to run).
  const show = (extra: NodeJS.ProcessEnv) => spawnSync(process.execPath, [BIN, 'lines', '-r', '--show', saved], { encoding: 'utf8', env: env(extra) });
  const coloured = show({ FORCE_COLOR: '1' });
  const piped = show({});
  assert.equal(coloured.status, 0, coloured.stderr);
  assert.doesNotMatch(piped.stdout, /\u001b\[/, 'no colour when piped');
  assert.doesNotMatch(measured.stdout, /\u001b\[/, 'no colour when piped, measuring');
  assert.match(coloured.stdout, /\u001b\[35mfunction\u001b\[0m work/);
  assert.match(coloured.stdout, /\u001b\[1;31m\d+\.\d\u001b\[0m +\u001b\[35mfor\u001b\[0m/, 'the loop, most of the time, in red');
  assert.equal(plain(coloured.stdout), piped.stdout);
});

test('colourLineTable leaves the text as it was', () => {
  const table =
    'Timer unit: 1e-06 s\n\nTotal time: 1 s\nFile: a.ts\nFunction: f at line 1\n\nLine #      Hits         Time  Per Hit   % Time  Line Contents\n' +
    '==============================================================\n     1                                           function f() {\n' +
    '     2         1     100000.0 100000.0    100.0    return "x" + 1; // done\n     3                                           }\n';
  const coloured = colourLineTable(table);
  assert.notEqual(coloured, table);
  assert.equal(plain(coloured), table);
  assert.match(coloured, /\u001b\[32m"x"\u001b\[0m \+ \u001b\[36m1\u001b\[0m; \u001b\[90m\/\/ done\u001b\[0m/);
});
