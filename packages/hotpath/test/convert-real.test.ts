// A real profile end to end: `hotpath profile --mode trace` on examples/taylor.ts, converted,
// and read by the independent readers present here (callgrind_annotate, Python's pstats, dot).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { totalTime } from '../src/export/counts.js';
import { loadProfileSync } from '../src/model/file.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const TAYLOR = fileURLToPath(new URL('../../../../examples/taylor.ts', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-real-'));
const installed = (command: string, args: string[]) => spawnSync(command, args).error === undefined;

function hotpath(...args: string[]): string {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('a traced taylor.ts converts and its readers agree with it', { skip: !fs.existsSync(TAYLOR) && 'examples/taylor.ts is missing' }, () => {
  const json = path.join(dir, 'taylor.json');
  hotpath('profile', '--mode', 'trace', '-o', json, TAYLOR);
  const profile = loadProfileSync(json);
  const factorial = profile.functions.find((f) => profile.frames[f.frame]!.name === 'factorial')!;
  assert.deepEqual([factorial.calls, factorial.primitiveCalls], [188_000, 750]);

  const callgrind = path.join(dir, 'callgrind.out.taylor');
  hotpath('convert', json, '-o', callgrind);
  assert.match(fs.readFileSync(callgrind, 'utf8'), /^calls=187250 /m);
  if (installed('callgrind_annotate', ['--version'])) {
    const run = spawnSync('callgrind_annotate', ['--auto=no', callgrind], { encoding: 'utf8' });
    const totals = run.stdout.split('\n').find((line) => line.includes('PROGRAM TOTALS'))!;
    assert.equal(Number(totals.trim().split(' ')[0]!.replace(/,/g, '')), totalTime(profile));
  }

  const prof = path.join(dir, 'taylor.prof');
  hotpath('convert', json, '-o', prof);
  if (installed('python3', ['--version'])) {
    const run = spawnSync('python3', ['-c', "import pstats, sys; pstats.Stats(sys.argv[1]).print_stats('factorial')", prof], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /188003 function calls \(753 primitive calls\)/);
    assert.match(run.stdout, /188000\/750 .*taylor\.ts:\d+\(factorial\)/);
  }

  const dot = path.join(dir, 'taylor.dot');
  hotpath('convert', json, '-o', dot);
  if (installed('dot', ['-V'])) {
    const run = spawnSync('dot', ['-Tsvg', dot], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, />188000×</);
  }
});
