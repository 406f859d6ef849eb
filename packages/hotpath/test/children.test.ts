// Child Node processes through the real CLI: without --include-children a child (fork,
// spawn('node'), execFile of process.execPath) and its own child run as under node, with a
// clean process.execArgv and none of hotpath's settings; with it each process is profiled,
// merged into the table, and saved on its own beside the -o file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfileSync } from '../src/model/file.js';
import { FIXTURES, functionNamed, hotpath, profileTo, tempDir } from './profile-helpers.js';

const PARENT = path.join(FIXTURES, 'children', 'parent.mjs');
const plain = spawnSync(process.execPath, [PARENT], { encoding: 'utf8' });

test('without --include-children the children see what they see under node and are not profiled', () => {
  assert.equal(plain.status, 3); // three children exiting 1
  assert.match(plain.stdout, /fork execArgv=\[\] env=none .* grandchild execArgv=\[\]/);
  for (const mode of ['sample', 'trace']) {
    const { run, profile } = profileTo(PARENT, ['--mode', mode]);
    assert.equal(run.status, plain.status, run.stderr);
    assert.equal(run.stdout, plain.stdout, mode);
    assert.equal(functionNamed(profile, 'parentWork').stats.calls, 1);
    assert.ok(!profile.frames.some((f) => f.name === 'childWork'), mode);
    assert.equal(profile.meta.processes, undefined);
  }
});

test('--include-children profiles every node process the program starts, merged, and saves each beside -o', () => {
  const dir = tempDir();
  const output = path.join(dir, 'prof.json');
  const run = hotpath(['profile', '--mode', 'trace', '--include-children', '-o', output, PARENT]);
  assert.equal(run.status, plain.status, run.stderr);
  // The children's execArgv stays clean; what differs is the settings they pass on.
  assert.equal(run.stdout.replaceAll('env=HOTPATH_PROFILE_CAPTURE', 'env=none'), plain.stdout);
  const merged = loadProfileSync(output);
  assert.equal(functionNamed(merged, 'parentWork').stats.calls, 1);
  assert.equal(functionNamed(merged, 'childWork').stats.calls, 3); // fork, spawn, execFile
  assert.equal(functionNamed(merged, 'grandchildWork').stats.calls, 1); // the fork's own child
  const processes = merged.meta.processes!;
  assert.equal(processes.length, 5);
  assert.deepEqual(
    processes.map((p) => p.exitCode),
    [3, 1, 0, 1, 1],
  );
  assert.deepEqual(
    processes.map((p) => path.basename(p.command[0]!)),
    ['parent.mjs', 'child.mjs', 'grandchild.mjs', 'child.mjs', 'child.mjs'],
  );
  // One file per process, each holding that process alone.
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^prof\.\d+\.json$/.test(f))
    .sort();
  assert.deepEqual(files, processes.map((p) => `prof.${p.pid}.json`).sort());
  const grandchild = loadProfileSync(path.join(dir, `prof.${processes[2]!.pid}.json`));
  assert.equal(functionNamed(grandchild, 'grandchildWork').stats.calls, 1);
  assert.ok(!grandchild.frames.some((f) => f.name === 'parentWork'));
});
