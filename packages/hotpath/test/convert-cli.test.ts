// `hotpath convert IN -o OUT` through the real CLI: every format by name and by file name,
// and for bad input a one-line error naming the file, exit 2, and no output file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cpuProfile } from '../src/export/cpuprofile.js';
import { loadProfileSync, saveProfileSync, serializeProfile } from '../src/model/file.js';
import { taylor } from './convert-fixtures.js';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-convert-'));
const input = path.join(dir, 'taylor.json');
saveProfileSync(input, taylor());

function hotpath(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
}

function out(name: string): string {
  return path.join(dir, name);
}

function assertFailsCleanly(args: string[], output: string, message: RegExp): void {
  const before = new Set(fs.readdirSync(path.dirname(output)));
  const run = hotpath('convert', ...args);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, message);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.equal(run.stdout, '');
  assert.ok(!fs.existsSync(output), 'no output file');
  assert.deepEqual(new Set(fs.readdirSync(path.dirname(output))), before, 'no temporary file left');
}

test('convert: the format follows the output name', () => {
  const cases: Array<[string, RegExp]> = [
    ['t.callgrind', /^# callgrind format\n/],
    ['callgrind.out.4242', /^# callgrind format\n/],
    ['t.dot', /^digraph \{\n/],
    ['t.svg', /<svg/],
    ['t.prof', /^\{\)/],
    ['t.speedscope.json', /^\{"\$schema":"https:\/\/www\.speedscope\.app/],
    ['t.cpuprofile', /^\{"nodes":/],
    ['t.pb.gz', /^\x1f/],
    ['copy.json', /^\{"format":"hotpath-profile"/],
  ];
  for (const [name, start] of cases) {
    const run = hotpath('convert', input, '-o', out(name));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, new RegExp(`^hotpath: wrote .*${name.replace(/\./g, '\\.')} \\(`));
    assert.match(fs.readFileSync(out(name), 'latin1'), start, name);
  }
  assert.deepEqual(loadProfileSync(out('copy.json')), taylor());
});

test('convert: --format overrides the name; thresholds reach the dot graph', () => {
  let run = hotpath('convert', input, '-o', out('graph.txt'), '--format', 'dot', '--node-threshold', '50', '--edge-threshold', '70');
  assert.equal(run.status, 0, run.stderr);
  const dot = fs.readFileSync(out('graph.txt'), 'utf8');
  assert.equal(dot.match(/^\t\d+ \[/gm)?.length, 3);
  assert.equal(dot.match(/ -> /g)?.length, 1);
  run = hotpath('convert', input, '-o', out('bad-threshold.dot'), '--node-threshold', 'lots');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /percentage/);
});

test('convert: a .cpuprofile converts, and the result reads back', () => {
  const cpu = out('in.cpuprofile');
  fs.writeFileSync(cpu, JSON.stringify(cpuProfile(taylor())));
  const run = hotpath('convert', cpu, '-o', out('from-cpu.json'));
  assert.equal(run.status, 0, run.stderr);
  const back = loadProfileSync(out('from-cpu.json'));
  assert.equal(back.meta.mode, 'imported');
  const factorial = back.functions.find((f) => back.frames[f.frame]!.name === 'factorial')!;
  assert.equal(factorial.self, 47_000_000);
});

test('convert: bad input is one line naming the file, exit 2, nothing written', () => {
  const notProfile = out('notes.txt');
  fs.writeFileSync(notProfile, 'hello\n');
  const truncated = out('cut.json');
  fs.writeFileSync(truncated, serializeProfile(taylor()).slice(0, 500));
  const cutCpu = out('cut.cpuprofile');
  fs.writeFileSync(cutCpu, JSON.stringify(cpuProfile(taylor())).slice(0, 300));
  const otherJson = out('other.json');
  fs.writeFileSync(otherJson, '{"traceEvents": []}');
  const target = out('never.callgrind');
  assertFailsCleanly([notProfile, '-o', target], target, /notes\.txt is not a hotpath profile\n$/);
  assertFailsCleanly([truncated, '-o', target], target, /cut\.json is truncated or corrupt/);
  assertFailsCleanly([cutCpu, '-o', target], target, /cut\.cpuprofile is a truncated or corrupt cpuprofile/);
  assertFailsCleanly([otherJson, '-o', target], target, /other\.json is not a hotpath profile \(it is a Chrome trace/);
  assertFailsCleanly([out('missing.json'), '-o', target], target, /missing\.json does not exist/);
  assertFailsCleanly([input, '-o', target, '--format', 'kcachegrind'], target, /cannot write .*never\.callgrind: unknown format "kcachegrind" \(known: hotpath, callgrind/);
  const noExtension = out('never.xyz');
  assertFailsCleanly([input, '-o', noExtension], noExtension, /cannot tell the format of .*never\.xyz/);
});

test('convert: a failed conversion leaves an existing output file as it was', () => {
  const target = out('keep.dot');
  fs.writeFileSync(target, 'old');
  const run = hotpath('convert', out('missing.json'), '-o', target);
  assert.equal(run.status, 2);
  assert.equal(fs.readFileSync(target, 'utf8'), 'old');
});

test('convert --help lists every format with the programs that open it', () => {
  const run = hotpath('convert', '--help');
  assert.equal(run.status, 0);
  for (const line of ['callgrind ', 'KCachegrind', 'pstats ', 'snakeviz', 'speedscope ', 'cpuprofile ', 'pprof ', 'go tool pprof', '.pb.gz', 'svg ']) {
    assert.ok(run.stdout.includes(line), line);
  }
});

test('hotpath stats reads a .cpuprofile as it reads a hotpath profile', () => {
  const cpu = out('stats.cpuprofile');
  fs.writeFileSync(cpu, JSON.stringify(cpuProfile(taylor())));
  const run = hotpath('stats', cpu);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /in 0\.047 seconds/);
  assert.match(run.stdout, /taylor\.ts:1\(factorial\)/);
});
