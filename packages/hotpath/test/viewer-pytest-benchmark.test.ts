// A run saved by `hotpath bench --save` read by pytest-benchmark's own `compare` (Debian's
// python3-pytest-benchmark; .ci/run installs it): the same times, in the same units, as
// hotpath's table. The storage is an absolute --storage folder, which is used as given.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { hotpath, ROOT, runTool, tempDir } from './consumers.js';

const FIXTURE = path.join(ROOT, 'packages/hotpath/dist/test/bench/regression.bench.js');

/** The `scaled-loop` row of a pytest-benchmark style table: its unit and Min, Max, Mean, Median. */
function row(table: string, name: RegExp): { unit: string; values: number[] } {
  const unit = /^Name \(time in (\w+)\)/m.exec(table)?.[1];
  assert.ok(unit, `no header in:\n${table}`);
  const line = table.split('\n').find((l) => name.test(l));
  assert.ok(line, `no row ${name} in:\n${table}`);
  const numbers = line
    .replace(name, '')
    .trim()
    .split(/\s+/)
    .filter((cell) => /^[\d,.]+$/.test(cell))
    .map((cell) => Number(cell.replace(/,/g, '')));
  return { unit, values: numbers.slice(0, 5) }; // Min Max Mean StdDev Median
}

// The python3 on the PATH may be another build than Debian's (pyenv): the first that has it.
function pythonWithPytestBenchmark(): string {
  const candidates = [process.env['HOTPATH_PYTHON'], 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => spawnSync(p, ['-c', 'import pytest_benchmark'], { stdio: 'ignore' }).status === 0);
  assert.ok(found, `pytest-benchmark is not installed for ${candidates.join(' or ')}: apt-get install python3-pytest-benchmark`);
  return found;
}

test('pytest-benchmark compare reads hotpath bench --save --storage /abs/dir: the same times and units as hotpath prints', () => {
  const cwd = tempDir('pytest-benchmark-cwd');
  const storage = path.join(tempDir('pytest-benchmark-storage'), 'runs');
  const quick = ['--min-rounds', '5', '--max-time', '0.05', '--warmup', '0.01'];
  const printed = hotpath(cwd, 'bench', ...quick, '--save', 'first', '--storage', storage, FIXTURE);
  assert.equal(existsSync(path.join(cwd, storage)), false, 'an absolute --storage is not put under the cwd');
  const machines = readdirSync(storage);
  assert.equal(machines.length, 1);
  assert.deepEqual(readdirSync(path.join(storage, machines[0]!)), ['0001_first.json']);
  const python = pythonWithPytestBenchmark();
  const compared = runTool(python, ['-c', 'from pytest_benchmark.cli import main; main()', '--storage', `file://${storage}`, 'compare'], cwd);
  const ours = row(printed, /^scaled-loop\s/);
  const theirs = row(compared, /^scaled-loop\s/);
  assert.equal(theirs.unit, ours.unit);
  assert.deepEqual(theirs.values, ours.values);
});
