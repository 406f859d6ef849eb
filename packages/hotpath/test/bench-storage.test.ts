// Saved runs: numbering, never overwriting, validation on load, and the machine id.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { machineId } from '../src/bench/machine.js';
import { buildRun } from '../src/bench/results.js';
import { findRun, listRuns, loadRun, safeLabel, saveRun, type BenchRun } from '../src/bench/storage.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-storage-'));
}

function sampleRun(): BenchRun {
  const timer = { resolutionNs: 30, overheadNs: 0.5 };
  return buildRun([
    { name: 'a', fullname: 'x.bench.js::a', file: 'x.bench.js', group: null, iterations: 2, roundsNs: [20, 22, 24], warmup: { rounds: 1, ns: 10 }, timer, gc: null },
  ]);
}

test('machine ids follow pytest-benchmark: system, runtime and version, architecture', () => {
  assert.equal(machineId('linux', 'v20.20.2', 'x64'), 'Linux-node20-x64');
  assert.equal(machineId('darwin', 'v22.1.0', 'arm64'), 'Darwin-node22-arm64');
});

test('runs are numbered after the highest saved, and an existing file is never replaced', () => {
  const dir = tempDir();
  const first = saveRun(sampleRun(), dir, 'base');
  assert.equal(path.basename(first), '0001_base.json');
  fs.writeFileSync(path.join(dir, '0007_kept.json'), 'not mine');
  const second = saveRun(sampleRun(), dir, 'with/odd:label');
  assert.equal(path.basename(second), '0008_with_odd_label.json');
  assert.equal(fs.readFileSync(path.join(dir, '0007_kept.json'), 'utf8'), 'not mine');
  assert.deepEqual(
    listRuns(dir).map((r) => r.number),
    [1, 7, 8],
  );
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
    [],
  );
  assert.equal(safeLabel('..'), '_');
});

test('a saved run loads back with its statistics recomputed from the rounds', () => {
  const dir = tempDir();
  const file = saveRun(sampleRun(), dir, 'x');
  const text = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRun;
  text.benchmarks[0]!.stats.min = 999; // a tampered statistic is not trusted
  fs.writeFileSync(file, JSON.stringify(text));
  const run = loadRun(file);
  assert.equal(run.unit, 'ns');
  assert.equal(run.benchmarks[0]!.stats.min, 10);
  assert.equal(run.benchmarks[0]!.stats.median, 11);
});

test('findRun: the latest, a number, a path; clear errors for none and a missing number', () => {
  const dir = tempDir();
  assert.throws(() => findRun(dir), { name: 'StorageError', message: `no saved runs in ${dir} to compare with (save one with --save)` });
  saveRun(sampleRun(), dir, 'a');
  saveRun(sampleRun(), dir, 'b');
  assert.equal(path.basename(findRun(dir)), '0002_b.json');
  assert.equal(path.basename(findRun(dir, '1')), '0001_a.json');
  assert.equal(findRun(dir, 'elsewhere/run.json'), 'elsewhere/run.json');
  assert.throws(() => findRun(dir, '7'), { message: `no saved run 0007 in ${dir} (saved: 0001, 0002)` });
});

test('loadRun names the file and the problem: missing, not JSON, not a run, newer, bad rounds', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  const good = JSON.stringify(sampleRun());
  const cases: Array<[string, RegExp]> = [
    [path.join(dir, 'gone.json'), /no saved run .*gone\.json: no such file/],
    [write('a.json', good.slice(0, 40)), /a\.json is not a saved run: invalid JSON/],
    [write('b.json', '{"format":"pytest"}'), /b\.json is not a saved run: no "format": "hotpath-bench"/],
    [write('c.json', good.replace('"version":1', '"version":9')), /format version 9 is newer than this hotpath reads \(1\)/],
    [write('d.json', good.replace('"roundsNs":[20,22,24]', '"roundsNs":[]')), /benchmark 0 lacks rounds \(1 to 20000000 of them\)/],
    [write('e.json', good.replace('"roundsNs":[20,22,24]', '"roundsNs":[20,1e308,24]')), /benchmark 0 has round 1 that is not a time from 1 to 9007199254740991 ns/],
    [write('f.json', good.replace('"roundsNs":[20,22,24]', '"roundsNs":[20,-0,24]')), /benchmark 0 has round 1 that is not a time/],
    [write('g.json', good.replace('"iterations":2', '"iterations":0')), /benchmark 0 lacks iterations/],
    [write('h.json', good.replace(/"benchmarks":\[(.*)\]/s, '"benchmarks":[$1,$1]')), /benchmark 1 repeats the fullname of an earlier one/],
    [write('i.json', good.slice(0, 30) + '\n\n' + good.slice(30, 60)), /^[^\n]*i\.json is not a saved run: invalid JSON [^\n]*$/],
  ];
  for (const [file, message] of cases) assert.throws(() => loadRun(file), { name: 'StorageError', message }, file);
});
