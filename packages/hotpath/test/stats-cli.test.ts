// `hotpath stats FILE` through the real CLI: the report, its options, and the exit code 2
// with a one-line error naming the file for every bad file and bad option.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { saveProfileSync, serializeProfile } from '../src/model/file.js';
import { internalsProfile, taylorProfile } from './fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-stats-'));
const taylorFile = path.join(dir, 'taylor.json');
saveProfileSync(taylorFile, taylorProfile());

function hotpath(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // TZ fixes the local time pstats-style header line.
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
}

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

test('hotpath stats FILE prints the table under the start time and the file name', () => {
  const run = hotpath('stats', taylorFile);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 7), [
    `Wed Nov 25 17:05:58 2026    ${taylorFile}`,
    '',
    '         188003 function calls (753 primitive calls) in 0.047 seconds',
    '',
    '   Ordered by: internal time',
    '',
    '   ncalls  tottime  percall  cumtime  percall filename:lineno(function)',
  ]);
  assert.equal(lines[7], '188000/750    0.047    0.000    0.047    0.000 examples/taylor.ts:1(factorial)');
});

test('sort keys repeat or come comma-separated; limit, filter, strip-dirs and unit apply', () => {
  const a = hotpath('stats', taylorFile, '-s', 'cumulative', '-s', 'name', '--limit', '2', '--strip-dirs', '--unit', 'ms');
  const b = hotpath('stats', taylorFile, '--sort', 'cumtime,name', '--limit=2', '--strip-dirs', '--unit=ms');
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  assert.match(a.stdout, /Ordered by: cumulative time, function name\n {3}List reduced from 4 to 2 due to restriction <2>\n/);
  assert.match(a.stdout, /^ {8}1 {4}0\.020 {4}0\.020 {3}47\.470 {3}47\.470 taylor\.ts:17\(main\)$/m);
  const filtered = hotpath('stats', taylorFile, '--filter', 'taylor[A-Z]', '--limit', '0.5');
  assert.match(filtered.stdout, /restriction <'taylor\[A-Z\]'>\n {3}List reduced from 2 to 1 due to restriction <0\.5>\n/);
});

test('--callers and --callees print pstats callers/callees', () => {
  const run = hotpath('stats', taylorFile, '--callers', 'factorial', '--callees', '^main$');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^examples\/taylor\.ts:1\(factorial\)  <- 187250\/749 {4}0\.047 {4}0\.047  examples\/taylor\.ts:1\(factorial\)$/m);
  assert.match(run.stdout, /^ {40}500 {4}0\.000 {4}0\.031  examples\/taylor\.ts:5\(taylorExp\)$/m);
  assert.match(run.stdout, /^examples\/taylor\.ts:17\(main\)  -> {7}1 {4}0\.000 {4}0\.031  examples\/taylor\.ts:5\(taylorExp\)$/m);
});

test('internals are folded by default, shown with --show-internals', () => {
  const file = path.join(dir, 'internals.json');
  saveProfileSync(file, internalsProfile());
  assert.match(hotpath('stats', file).stdout, / \{node internals\}\n/);
  assert.match(hotpath('stats', file, '--show-internals').stdout, / node:fs:441\(readFileSync\)\n/);
});

function assertBadFile(file: string, message: string): void {
  const run = hotpath('stats', file);
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `hotpath stats: ${message}\n`);
}

test('a bad file: one line naming it, exit 2, no stack trace', () => {
  const text = serializeProfile(taylorProfile());
  const notJson = writeFile('notes.txt', 'hello\n');
  assertBadFile(notJson, `${notJson} is not a hotpath profile`);
  const other = writeFile('other.json', '{"nodes":[],"samples":[]}');
  assertBadFile(other, `${other} is not a hotpath profile`);
  const cut = writeFile('cut.json', text.slice(0, 300));
  assertBadFile(cut, `${cut} is truncated or corrupt`);
  const newer = writeFile('newer.json', text.replace('"version":1', '"version":2'));
  assertBadFile(newer, `${newer} was written by a newer hotpath (format version 2; this one reads up to 1)`);
  const invalid = writeFile('invalid.json', text.replace('"mode":"trace"', '"mode":"guess"'));
  assertBadFile(invalid, `${invalid} is not a valid hotpath profile: meta.mode must be one of "sample", "trace", "imported"`);
  const missing = path.join(dir, 'missing.json');
  assertBadFile(missing, `${missing} does not exist`);
});

test('bad options are usage errors with exit 2', () => {
  for (const args of [
    ['-s', 'bogus'],
    ['-s', 'cumtime,bogus'],
    ['--limit', '1.5'],
    ['--limit', '-1'],
    ['--limit', 'ten'],
    ['--filter', '('],
    ['--callers', '[a'],
    ['--unit', 'days'],
    ['--no-such-option'],
  ]) {
    const run = hotpath('stats', taylorFile, ...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^error: /, args.join(' '));
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  }
  assert.match(hotpath('stats', taylorFile, '-s', 'bogus').stderr, /unknown sort key 'bogus'/);
  assert.equal(hotpath('stats').status, 2);
});

test('several files are added as pstats.Stats(a, b) adds them: a line per file, calls, times and edges summed', () => {
  const second = path.join(dir, 'taylor-2.json');
  saveProfileSync(second, taylorProfile());
  const run = hotpath('stats', taylorFile, second);
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    `Wed Nov 25 17:05:58 2026    ${taylorFile}`,
    `Wed Nov 25 17:05:58 2026    ${second}`,
    '',
    '         376006 function calls (1506 primitive calls) in 0.095 seconds',
    `   Note: the sum of 2 profiles (${taylorFile}, ${second}): calls, times and edges added per function`,
  ]);
  assert.match(run.stdout, /^376000\/1500 {4}0\.094 {4}0\.000 {4}0\.094 {4}0\.000 examples\/taylor\.ts:1\(factorial\)$/m);
  const callers = hotpath('stats', taylorFile, second, '--callers', 'factorial');
  assert.match(callers.stdout, /^examples\/taylor\.ts:1\(factorial\)  <- 374500\/1498 {4}0\.094 {4}0\.094  examples\/taylor\.ts:1\(factorial\)$/m);
});

test('profiles that cannot be added are refused in one line naming the file, exit 2', () => {
  const sampled = path.join(dir, 'taylor-sampled.json');
  saveProfileSync(sampled, taylorProfile({ mode: 'sample', interval: 1_000_000, exactness: { calls: 'exact', edges: 'estimated', time: 'sampled' } }));
  const run = hotpath('stats', taylorFile, sampled);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(
    run.stderr,
    `hotpath stats: ${sampled} has sampled times, ${taylorFile} has measured times: they cannot be added (profile both the same way, with the same --mode)\n`,
  );
  const broken = writeFile('broken-second.json', serializeProfile(taylorProfile()).slice(0, 200));
  const bad = hotpath('stats', taylorFile, broken);
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, `hotpath stats: ${broken} is truncated or corrupt\n`);
});

test("--reverse: the sorted rows the other way round, as pstats' reverse_order()", () => {
  const rows = (args: string[]) =>
    hotpath('stats', taylorFile, '-s', 'ncalls', ...args)
      .stdout.split('\n')
      .filter((line) => /^\s+\d/.test(line) && /\(\w+\)$/.test(line));
  const forward = rows([]);
  assert.ok(forward.length >= 3, forward.join('\n'));
  assert.deepEqual(rows(['--reverse']), [...forward].reverse());
  assert.deepEqual(rows(['--reverse', '--limit', '1']), [forward.at(-1)]);
});
