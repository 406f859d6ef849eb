// Sample mode's line capture: the counting transform (hits), the V8 log reader, and the
// bars of issue 5 on real runs (75/25 busy waits, exact hits on the chapter simulator, a
// line's time including its callee's).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runInThisContext } from 'node:vm';
import { LINE_COUNTERS_GLOBAL } from '../src/capture/lines-sample/protocol.js';
import { instrumentLines } from '../src/capture/lines-sample/transform.js';
import { readV8Log, unescapeLog } from '../src/capture/lines-sample/v8-log.js';
import { loadProfileSync } from '../src/model/file.js';
import type { LineStats, Profile } from '../src/model/profile.js';
import { runProfiled } from '../src/runner/run.js';
import { FIXTURES, REPO, hotpath, tempDir } from './profile-helpers.js';

/** Instruments `source` (a script), runs it, and returns hits by line of the picked functions. */
function countedHits(source: string, targets: string[]): Map<number, number> {
  let next = 1;
  const result = instrumentLines(source, { sourceType: 'script', file: '/virtual/code.js', url: 'file:///virtual/code.js', targets, allocateIds: (n) => ((next += n), next - n) });
  assert.ok(result);
  const counters = new Float64Array(next + 1);
  (globalThis as Record<string, unknown>)[LINE_COUNTERS_GLOBAL] = counters;
  try {
    runInThisContext(`(function () {${result.code}\n})()`);
  } finally {
    delete (globalThis as Record<string, unknown>)[LINE_COUNTERS_GLOBAL];
  }
  const hits = new Map<number, number>();
  for (const fn of result.record.picked) for (const s of fn.statements) if (!hits.has(s.line)) hits.set(s.line, counters[s.counter]!);
  return hits;
}

describe('sample-mode line counters', () => {
  it('count statements, loop iterations, branches, switch cases, labels and arrows', () => {
    const source = [
      'function control(n) {', //                                   1
      '  let total = 0;', //                                        2: 1
      '  for (let i = 0; i < n; i++) {', //                          3: n (iterations)
      '    if (i % 2 === 0) {', //                                  4: n
      '      total += i;', //                                       5: 5
      '    } else if (i % 3 === 0) total -= 1;', //                  6: 5 (tests), 7 not a start
      '    else total += 2;', //                                    7: 3
      '    switch (i % 3) { case 0: total++; break; default: total--; }', // 8: 10
      '  }', //                                                     9
      '  outer: for (let j = 0; j < 3; j++) {', //                   10: 3
      '    for (let k = 0; k < 3; k++) { if (k === 1) continue outer; total++; }', // 11: 6 (2 per j)
      '  }', //                                                     12
      '  const double = (x) => x * 2;', //                          13: 1
      '  let w = 0; while (w < 5) w++;', //                         14: 1
      '  do { w--; } while (w > 0);', //                            15: 5
      '  return double(total);', //                                 16: 1
      '}',
      'control(10);',
    ].join('\n');
    const hits = countedHits(source, ['control']);
    assert.deepEqual(Object.fromEntries(hits), { 2: 1, 3: 10, 4: 10, 5: 5, 6: 5, 7: 3, 8: 10, 10: 3, 11: 6, 13: 1, 14: 1, 15: 5, 16: 1 });
  });

  it('counts no line of a nested function in the outer one, and a picked nested function on its own', () => {
    const source = [
      'function outer(xs) {', //                                   1
      '  const ys = xs.map((x) => {', //                            2: 1 (the call, not the callback)
      '    return x + 1;', //                                       3: none
      '  });', //                                                   4
      '  function add(a, b) {', //                                  5: none (hoisted, runs nothing here)
      '    return a + b;', //                                       6: none
      '  }', //                                                     7
      '  return ys.reduce((a, b) => add(a, b), 0);', //             8: 1
      '}',
      'outer([1, 2, 3]);',
    ].join('\n');
    assert.deepEqual(Object.fromEntries(countedHits(source, ['outer'])), { 2: 1, 8: 1 });
    // Each picked function has its own table: a line shared by two shows each one's count.
    const result = instrumentLines(source, { sourceType: 'script', file: '/v.js', url: 'file:///v.js', targets: ['outer', 'add'], allocateIds: () => 1 });
    assert.deepEqual(
      result!.record.picked.map((fn) => [fn.name, fn.statements.map((st) => st.line)]),
      [
        ['outer', [2, 8]],
        ['add', [6]],
      ],
    );
    assert.deepEqual(Object.fromEntries(countedHits(source, ['add'])), { 6: 3 });
  });

  it('leaves unpicked functions alone and names what exists', () => {
    const result = instrumentLines('function a() { return 1 }\nfunction b() { return 2 }', {
      sourceType: 'script',
      file: '/v.js',
      url: 'file:///v.js',
      targets: ['b', 'nothing'],
      allocateIds: () => 1,
    });
    assert.ok(result);
    assert.equal(result.code.split('\n')[0], 'function a() { return 1 }');
    assert.deepEqual(result.record.names, ['a', 'b']);
    assert.deepEqual(result.record.matched, ['b']);
    assert.deepEqual(
      result.record.picked.map((fn) => [fn.name, fn.line, fn.endLine]),
      [['b', 2, 2]],
    );
  });
});

describe('V8 log reader', () => {
  it('resolves interpreted, optimised and inlined frames, moves, and escapes', () => {
    const log = [
      'script-source,7,file:///x.js,ab\\x2Ccd\\nef',
      'code-creation,JS,10,1,0x100,50,f file:///x.js:1:1,0x900,~',
      'code-source-info,0x100,7,0,40,C0O1C10O5,,',
      'code-creation,JS,13,2,0x1000,200,g file:///x.js:2:1,0x910,*',
      'code-source-info,0x1000,7,5,40,C0O6C20O8C40O30I0,F0O9,S0x900',
      'code-move,0x100,0x200',
      'tick,0x1029,5,0,0x0,0,0x20a',
      'tick,0x1015,6,0,0x0,0,+0x10',
    ].join('\n');
    const read = readV8Log(log, (url) => url === 'file:///x.js');
    assert.equal(read.scripts.get(7)!.source, 'ab,cd\nef');
    // pc 0x1029 (offset 41 >= 40): inlined f at 30, called from g at 9; then f's bytecode at offset 10.
    assert.deepEqual(read.ticks[0]!.frames, [
      { script: 7, offset: 30 },
      { script: 7, offset: 9 },
      { script: 7, offset: 5 },
    ]);
    // 0x1015 is the pc (exact: offset 21 -> 8); the relative entry +0x10 is 0x1025, a return address (offset 37 - 1 -> 8).
    assert.deepEqual(read.ticks[1]!.frames, [
      { script: 7, offset: 8 },
      { script: 7, offset: 8 },
    ]);
    assert.equal(unescapeLog('a\\\\b\\u00e9'), 'a\\bé');
  });
});

/** The profile of `fixture` with `targets` picked (sample mode). */
async function linesOf(fixture: string, targets: string[], options: { interval?: number; args?: string[] } = {}): Promise<Profile> {
  const result = await runProfiled(path.join(FIXTURES, 'lines-sample', fixture), options.args ?? [], { lines: { targets }, interval: options.interval, stdio: 'pipe', cwd: REPO });
  assert.equal(result.exitCode, 0);
  assert.ok(result.profile?.lines);
  return result.profile;
}

function linesNamed(profile: Profile, name: string): Map<number, LineStats> {
  const frame = profile.frames.findIndex((f) => f.name === name);
  assert.ok(frame >= 0, `no frame ${name}`);
  return new Map(profile.lines!.filter((l) => l.frame === frame).map((l) => [l.line, l]));
}

function lineOf(file: string, text: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

/** Hits by function and line (`name:line`, lines with hits only) of `lines --mode MODE` on `script`. */
function modeHits(mode: 'sample' | 'trace', targets: string[], script: string): Record<string, number> {
  const out = path.join(tempDir(), `${mode}.json`);
  const run = hotpath(['lines', '--mode', mode, '-o', out, ...targets, script], { cwd: REPO });
  assert.equal(run.status, 0, run.stderr);
  assert.ok(existsSync(out));
  const profile = loadProfileSync(out);
  const hits: Record<string, number> = {};
  for (const l of profile.lines!) if (l.hits !== null) hits[`${profile.frames[l.frame]!.name}:${l.line}`] = l.hits;
  return hits;
}

describe('hotpath lines: sample and trace modes count the same hits', () => {
  const script = path.join(FIXTURES, 'lines-sample', 'nested.ts');

  it('gives the lines of functions nested in the picked one no hits', () => {
    // outer runs 5 times on 3 items: its loop runs 15 times; the callbacks' and inner's lines are not outer's.
    const expected = { 'outer:4': 5, 'outer:5': 5, 'outer:13': 5, 'outer:14': 15, 'outer:15': 5 };
    assert.deepEqual(modeHits('sample', ['-f', 'outer'], script), expected);
    assert.deepEqual(modeHits('trace', ['-f', 'outer'], script), expected);
  });

  it('counts each nested function in its own table with --all', () => {
    const expected = {
      'outer:4': 5,
      'outer:5': 5,
      'outer:13': 5,
      'outer:14': 15,
      'outer:15': 5,
      '(anonymous):4': 15,
      '(anonymous):6': 15,
      '(anonymous):7': 15,
      'inner:10': 15,
      'inner:11': 15,
    };
    assert.deepEqual(modeHits('sample', ['--all'], script), expected);
    assert.deepEqual(modeHits('trace', ['--all'], script), expected);
  });
});

describe('hotpath lines --mode sample: the bars', () => {
  it('puts 75/25 of the time on lines waiting 3 ms and 1 ms (within 5 points)', async () => {
    const profile = await linesOf('busy-waits.ts', ['work'], { interval: 0.5 });
    const file = path.join(FIXTURES, 'lines-sample', 'busy-waits.ts');
    const lines = linesNamed(profile, 'work');
    const three = lines.get(lineOf(file, 'busy(3)'))!;
    const one = lines.get(lineOf(file, 'busy(1)'))!;
    assert.equal(three.hits, 150);
    assert.equal(one.hits, 150);
    const share = (100 * three.time) / (three.time + one.time);
    assert.ok(Math.abs(share - 75) <= 5, `3 ms line: ${share.toFixed(1)}%`);
  });

  it('counts evolve exactly on a small chapter run, through the package source maps', async () => {
    // evolve(0.01) takes Math.trunc(0.01 / 1e-5) = 999 steps (the quotient is 999.99...).
    const steps = 999;
    const profile = await linesOf('particles-100.ts', ['evolve']);
    const source = path.join(REPO, 'packages/particles/src/simulator.ts');
    const lines = linesNamed(profile, 'ParticleSimulator.evolve');
    const frame = profile.frames.find((f) => f.name === 'ParticleSimulator.evolve')!;
    assert.equal(frame.file, source);
    assert.equal(readFileSync(source, 'utf8').split('\n')[frame.endLine! - 1], '  }'); // the closing brace, in the TypeScript
    assert.match(frame.sourceHash!, /^[0-9a-f]{40}$/);
    assert.equal(lines.get(lineOf(source, 'for (let i = 0; i < nsteps; i++)'))!.hits, steps);
    for (const text of ['for (const p of this.particles)', 'const norm = Math.sqrt', 'const vx =', 'const vy =', 'const dx =', 'const dy =', 'p.x += dx', 'p.y += dy']) {
      assert.equal(lines.get(lineOf(source, text))?.hits, 100 * steps, text);
    }
    assert.equal(profile.functions[0]!.calls, 1);
  });

  it("charges a line with its callee's time", async () => {
    const profile = await linesOf('slow-call.ts', ['caller', 'slow']);
    const file = path.join(FIXTURES, 'lines-sample', 'slow-call.ts');
    const lines = linesNamed(profile, 'caller');
    const call = lines.get(lineOf(file, 'slow() + quick'))!;
    const slow = profile.functions.find((fn) => profile.frames[fn.frame]!.name === 'slow')!;
    const caller = profile.functions.find((fn) => profile.frames[fn.frame]!.name === 'caller')!;
    assert.equal(call.hits, 40);
    assert.equal(slow.calls, 40);
    assert.ok(call.time >= 0.9 * caller.total, `line ${call.time} ns of ${caller.total} ns`);
    assert.ok(Math.abs(call.time - slow.total) <= 0.1 * slow.total, `line ${call.time} ns, slow ${slow.total} ns`);
    assert.ok(profile.meta.notes.some((note) => note.includes('standard error')));
  });

  it('prints each function to its closing brace, with the sampling error and the loop warning as notes', () => {
    const run = hotpath(['lines', '-f', 'evolve', path.join(FIXTURES, 'lines-sample', 'particles-100.ts')], { cwd: REPO });
    assert.equal(run.status, 0, run.stderr);
    const source = path.join(REPO, 'packages/particles/src/simulator.ts');
    const start = lineOf(source, 'evolve(dt: number): void {');
    const text = readFileSync(source, 'utf8').split('\n');
    let end = start; // evolve's closing brace: the first line after it at its indentation
    while (text[end - 1] !== text[start - 1]!.replace(/\S.*/, '}')) end++;
    const table = run.stdout.split('Function: ParticleSimulator.evolve')[1]!.trimEnd().split('\n');
    assert.match(table.at(-1)!, new RegExp(`^ +${end} +  {2}\\}$`));
    const head = run.stdout.split('Total time:')[0]!;
    assert.match(head, /\nTimer unit: 1e-06 s\n\n(Note: .*\n)+\n$/); // the program printed 100 first
    assert.match(head, /Note: ParticleSimulator\.evolve: \d+ ticks: a line's share of the time has a standard error of at most [\d.]+ points/);
    assert.match(head, /Note: in optimised code V8 puts ticks on loop headers and stores/);
  });
});

describe('markers in sample mode (the default)', () => {
  it('@profile on a method and profile(fn) pick their functions, with the same hits as trace mode', () => {
    const file = path.join(FIXTURES, 'lines-trace', 'marked.ts');
    const hitsOf = (stdout: string, line: number): string | undefined => new RegExp(`^ {0,5}${line} +(\\d+) `, 'm').exec(stdout)?.[1];
    const sample = hotpath(['lines', file]);
    const trace = hotpath(['lines', '--mode', 'trace', file]);
    assert.equal(sample.status, 0, sample.stderr);
    assert.equal(trace.status, 0, trace.stderr);
    assert.match(sample.stdout, /^9 55\n/, 'the program runs unchanged');
    for (const out of [sample.stdout, trace.stdout]) {
      assert.match(out, /Function: Counter\.add at line 8\n/);
      assert.match(out, /Function: square at line 16\n/);
    }
    assert.equal(hitsOf(sample.stdout, 9), '15'); // the loop header: 10 + 5 iterations
    assert.equal(hitsOf(sample.stdout, 12), '2');
    assert.equal(hitsOf(sample.stdout, 17), '1');
    for (const line of [9, 10, 12, 17]) assert.equal(hitsOf(sample.stdout, line), hitsOf(trace.stdout, line), `line ${line}`);
  });
});
