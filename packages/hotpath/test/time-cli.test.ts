// `hotpath time` through the real command line: the shell's `time` lines, the maximum
// resident memory against GNU time's, several runs compared, and how failures are reported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/hotpath.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';

function time(args: string[], options: { cwd?: string } = {}) {
  return spawnSync(process.execPath, [BIN, 'time', ...args], { encoding: 'utf8', ...options });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-time-'));
}

test('one run: the program keeps stdout and its exit code; real, user, sys and maxrss on stderr', () => {
  const result = time([process.execPath, '-e', 'console.log("out"); process.exitCode = 3']);
  assert.equal(result.status, 3);
  assert.equal(result.stdout, 'out\n');
  assert.match(result.stderr, /^real\t0m\d\.\d{3}s\nuser\t0m\d\.\d{3}s\nsys\t0m\d\.\d{3}s\nmaxrss\t\d+\.\d MiB \(\d+ KiB\)\nCommand exited with non-zero status 3\n$/);
});

test('user + sys cover the CPU time the program itself measured (kernel ticks of 10 ms)', () => {
  // Spins until it has used 300 ms of CPU (not of wall time: the machine may be busy).
  const spin = 'const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3 }; while (cpu() < 300); console.log(cpu())';
  const result = time([process.execPath, '-e', spin]);
  assert.equal(result.status, 0, result.stderr);
  const ownMs = Number(result.stdout);
  const field = (name: string) => Number(new RegExp(`^${name}\\t0m(\\d+\\.\\d+)s$`, 'm').exec(result.stderr)![1]) * 1e3;
  const cpuMs = field('user') + field('sys');
  assert.ok(ownMs >= 250, `the program spun ${ownMs} ms`);
  // The kernel's figure includes node's start and exit, which the program's own reading misses.
  assert.ok(cpuMs >= ownMs - 20, `user + sys ${cpuMs} ms, the program's own ${ownMs} ms`);
  assert.ok(cpuMs <= field('real') * os.availableParallelism() + 20, `user + sys ${cpuMs} ms within real x cores`);
});

test(
  `maxrss within 5% of GNU time's "Maximum resident set size" on a program that fills 256 MiB` + (fs.existsSync(GNU_TIME) ? '' : ` (needs ${GNU_TIME}: apt-get install time)`),
  () => {
    assert.ok(fs.existsSync(GNU_TIME), `${GNU_TIME} is not installed: apt-get install time`);
    const program = 'const b = Buffer.alloc(256 * 2 ** 20, 1); console.log(b[12345])';
    const gnu = spawnSync(GNU_TIME, ['-v', process.execPath, '-e', program], { encoding: 'utf8' });
    const gnuKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(gnu.stderr)![1]);
    const dir = tempDir();
    const json = path.join(dir, 'runs.json');
    const result = time(['-r', '3', '--export-json', json, process.execPath, '-e', program]);
    assert.equal(result.status, 0, result.stderr);
    const ours = JSON.parse(fs.readFileSync(json, 'utf8')).results[0].maxRssKiB.median as number;
    assert.ok(gnuKiB > 256 * 1024, `GNU time saw ${gnuKiB} KiB`);
    assert.ok(Math.abs(ours - gnuKiB) / gnuKiB < 0.05, `hotpath ${ours} KiB, GNU time ${gnuKiB} KiB`);
  },
);

test('several shell lines: runs interleaved, the median and range of each, the ratio and the noise verdict', () => {
  const dir = tempDir();
  const json = path.join(dir, 'runs.json');
  const fast = `${process.execPath} -e "1"`;
  const slow = `${process.execPath} -e "const end = Date.now() + 400; while (Date.now() < end);"`;
  const result = time(['-r', '3', '-w', '1', '--export-json', json, fast, slow]);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^Command 1: .* -e "1"\n  Time \(median\): +\d+\.\d ms    middle half .* ms    \[User: .*, System: .*\]\n  Range \(min … max\): .* 3 runs\n  Max RSS \(median\): +\d+\.\d MiB/,
  );
  assert.match(result.stdout, /\nSummary\n  .* -e "1" ran\n    \d+\.\d\d times faster than .*Date\.now\(\) \+ 400.*\(medians; outside the noise\)\n$/);
  const saved = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.equal(saved.format, 'hotpath-time');
  assert.deepEqual(
    saved.results.map((r: { runs: unknown[] }) => r.runs.length),
    [3, 3],
    'warm-up runs are not kept',
  );
  assert.ok(saved.results[1].seconds.real.median > 0.4, 'seconds, not nanoseconds');
  assert.deepEqual(fs.readdirSync(dir), ['runs.json'], 'no temporary file left');
});

test('a command that fails in some runs: its figures are kept, the failures counted, its exit code returned', () => {
  const dir = tempDir();
  const flag = path.join(dir, 'ran-once');
  // Fails on the first run only: the second and third find the file.
  const flaky = `${process.execPath} -e "const fs = require('fs'); if (!fs.existsSync('${flag}')) { fs.writeFileSync('${flag}', ''); process.exit(5) }"`;
  const result = time(['-r', '3', flaky]);
  assert.equal(result.status, 5);
  assert.match(result.stdout, /Range \(min … max\): .* 3 runs\n.*\n  1 of 3 runs failed \(exit 5\); the figures include them\n/);
});

test('a .ts script runs with this node through the TypeScript loader', () => {
  const dir = tempDir();
  const script = path.join(dir, 'hello.ts');
  fs.writeFileSync(script, 'const greeting: string = "hello";\nconsole.log(greeting as string);\n');
  const result = time([script]);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, 'hello\n');
});

test('bad usage: nothing to time, a flag after the commands, an unknown command', () => {
  const none = time([]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /nothing to time/);
  const late = time(['node -e "1"', '-r', '3']);
  assert.equal(late.status, 2);
  assert.match(late.stderr, /-r comes after the commands: hotpath time's options go before them/);
  const missing = time(['no-such-command-here', 'x']);
  assert.equal(missing.status, 127, 'the shell\'s "command not found"');
  assert.equal(missing.stderr, 'hotpath time: cannot run no-such-command-here: command not found\n');
});
