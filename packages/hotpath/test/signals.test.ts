// No profile lost, however the program is stopped: every capture mode x SIGHUP/SIGINT/SIGTERM
// x who gets the signal (hotpath, the program's own pid, the process group), busy in a
// synchronous loop or idle; and the endings nothing can catch in time (out of memory,
// process.abort(), SIGKILL). Each row runs the real CLI on a real program.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfileSync } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { BIN, FIXTURES, hotpath, REPO, tempDir } from './profile-helpers.js';

type Target = 'hotpath' | 'program' | 'group';

const MODES: Record<string, string[]> = {
  profile: ['profile'],
  'profile --mode trace': ['profile', '--mode', 'trace'],
  'lines -f spin': ['lines', '-f', 'spin'],
  'lines --mode trace -f spin': ['lines', '--mode', 'trace', '-f', 'spin'],
};

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the signal to hotpath's exit. */
  afterSignalMs: number;
}

/**
 * Runs `hotpath <command> -o output script args` in a process group of its own; once the
 * program prints `ready <pid>`, sends `signal` to `target` (none: lets it end by itself).
 */
function run(command: string[], script: string, output: string, signal: NodeJS.Signals | null, target: Target = 'hotpath', args: string[] = []): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...command, '-o', output, path.join(FIXTURES, script), ...args], { cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let signalled = performance.now();
  let sent = false;
  // A hang fails the row, not the whole file.
  const limit = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const ready = /^ready (\d+)$/m.exec(stdout);
    if (!ready || sent || !signal) return;
    sent = true;
    signalled = performance.now();
    process.kill(target === 'group' ? -child.pid! : target === 'program' ? Number(ready[1]) : child.pid!, signal);
  });
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr, afterSignalMs: performance.now() - signalled });
    }),
  );
}

/** Whether the profile recorded `name`: a row with time or calls, or lines of it. */
function recorded(profile: Profile, name: string): boolean {
  const frames = new Set(profile.frames.flatMap((frame, i) => (frame.name === name ? [i] : [])));
  if (profile.lines?.some((line) => frames.has(line.frame) && ((line.hits ?? 0) > 0 || line.time > 0))) return true;
  return profile.functions.some((fn) => frames.has(fn.frame) && ((fn.calls ?? 0) > 0 || fn.total > 0));
}

function assertStoppedBy(ended: Ended, output: string, signal: NodeJS.Signals): void {
  const code = 128 + constants.signals[signal];
  assert.equal(ended.code, code, ended.stderr);
  assert.ok(ended.afterSignalMs < 5000, `ended ${Math.round(ended.afterSignalMs)} ms after the signal`);
  const profile = loadProfileSync(output);
  assert.deepEqual([profile.meta.signal, profile.meta.exitCode], [signal, null]);
  assert.ok(recorded(profile, 'spin'), 'spin is in the profile');
}

const ROWS: Array<[script: string, signal: NodeJS.Signals, target: Target]> = [
  ['signal-busy.mjs', 'SIGHUP', 'hotpath'],
  ['signal-busy.mjs', 'SIGHUP', 'program'],
  ['signal-busy.mjs', 'SIGHUP', 'group'],
  ['signal-busy.mjs', 'SIGINT', 'program'],
  ['signal-busy.mjs', 'SIGTERM', 'program'],
  ['signal-idle.mjs', 'SIGHUP', 'hotpath'],
  ['signal-idle.mjs', 'SIGHUP', 'program'],
  ['signal-idle.mjs', 'SIGHUP', 'group'],
];

for (const [mode, command] of Object.entries(MODES)) {
  for (const [script, signal, target] of ROWS) {
    const state = script === 'signal-busy.mjs' ? 'busy in a synchronous loop' : 'idle';
    test(`hotpath ${mode}: ${signal} to ${target === 'hotpath' ? 'hotpath' : `the ${target}`}, ${state}: Node's exit code, the profile so far`, async () => {
      const output = path.join(tempDir(), 'p.json');
      assertStoppedBy(await run(command, script, output, signal, target), output, signal);
    });
  }
}

test('the saved profile of a SIGHUP is one hotpath stats reads', async () => {
  const output = path.join(tempDir(), 'p.json');
  assertStoppedBy(await run(MODES.profile!, 'signal-busy.mjs', output, 'SIGHUP', 'program'), output, 'SIGHUP');
  const stats = hotpath(['stats', output]);
  assert.equal(stats.status, 0, stats.stderr);
  assert.match(stats.stdout, /\(spin\)/);
});

test('a program that sends itself SIGHUP: exit 129, its profile', async () => {
  const output = path.join(tempDir(), 'p.json');
  const ended = await run(MODES.profile!, 'signal-self.mjs', output, null, 'hotpath', ['SIGHUP']);
  assert.equal(ended.code, 129, ended.stderr);
  assert.ok(recorded(loadProfileSync(output), 'spin'));
});

for (const [signal, target] of [
  ['SIGINT', 'group'],
  ['SIGTERM', 'program'],
  ['SIGHUP', 'program'],
] as const) {
  test(`a program with its own ${signal} listener, busy when ${signal} reaches the ${target}: its listener decides after its loop, a complete profile`, async () => {
    const output = path.join(tempDir(), 'p.json');
    const ended = await run(MODES.profile!, 'signal-own-handler.mjs', output, signal, target, [signal]);
    assert.equal(ended.code, 5, ended.stderr);
    assert.equal(ended.stdout, `ready ${/ready (\d+)/.exec(ended.stdout)![1]}\nloop done\nhandled ${signal}\n`);
    const profile = loadProfileSync(output);
    assert.deepEqual([profile.meta.exitCode, profile.meta.signal], [5, null]);
    assert.ok(recorded(profile, 'spin'));
  });
}

for (const command of Object.values(MODES)) {
  const picked = command.map((arg) => (arg === 'spin' ? 'grow' : arg));
  test(`hotpath ${picked.join(' ')}: a program that runs out of memory (--max-old-space-size=64): exit 134, a profile marked cut short, with the allocating function`, async () => {
    const output = path.join(tempDir(), 'p.json');
    const ended = await run([...picked, '--node-arg=--max-old-space-size=64'], 'signal-oom.mjs', output, null);
    assert.equal(ended.code, 134, ended.stderr);
    assert.match(ended.stderr, /JavaScript heap out of memory/);
    assert.doesNotMatch(ended.stderr, /before its (profile|lines) w/);
    const profile = loadProfileSync(output);
    assert.match(profile.meta.cutShort ?? '', /^out of memory: the heap held \d+ MB of its 64 MB limit when the profile was written/);
    assert.match(profile.meta.notes[0] ?? '', /^cut short: out of memory/);
    assert.ok(recorded(profile, 'grow'), 'grow is in the profile');
  });
}

test('process.abort(): exit 134, a complete profile of what ran', async () => {
  const output = path.join(tempDir(), 'p.json');
  const ended = await run(MODES.profile!, 'signal-abort.mjs', output, null);
  assert.equal(ended.code, 134, ended.stderr);
  const profile = loadProfileSync(output);
  assert.deepEqual([profile.meta.signal, profile.meta.cutShort], ['SIGABRT', undefined]);
  assert.ok(recorded(profile, 'spin'));
});

test('SIGKILL to the program: nothing can be saved; hotpath says so in one line and exits 137', async () => {
  const output = path.join(tempDir(), 'p.json');
  const ended = await run(MODES.profile!, 'signal-busy.mjs', output, 'SIGKILL', 'program');
  assert.equal(ended.code, 137, ended.stderr);
  assert.match(ended.stderr, /^hotpath profile: \S+signal-busy\.mjs ended \(SIGKILL\) before its profile was written[^\n]*\n$/);
});

test('a program that lives on near its heap limit: exit 0, its profile marked as written early, saying the program lived on', async () => {
  const output = path.join(tempDir(), 'p.json');
  const ended = await run([...MODES.profile!, '--node-arg=--max-old-space-size=64'], 'signal-near-limit.mjs', output, null);
  assert.equal(ended.code, 0, ended.stderr);
  assert.match(loadProfileSync(output).meta.cutShort ?? '', /^the heap held \d+ MB of its 64 MB limit, so the profile was written then, .* it lived on \(exit code 0\)/);
});
