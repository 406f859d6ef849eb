// The trace recorder with a fake clock, so every time is known exactly: self times per
// interval, exits that do not match, snapshots taken mid-run, async suspension, overhead
// subtraction; then real instrumented code run in a VM context, taylor's counts included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as vm from 'node:vm';
import { callGraphFromTree } from '../src/model/build.js';
import { instrument } from '../src/capture/trace/instrument.js';
import { createRecorder, type Clock, type Recorder } from '../src/capture/trace/recorder.js';
import { snapshotFromRaw, type TraceSnapshot } from '../src/capture/trace/snapshot.js';

/** A clock the test sets by hand, in ms. */
function manualClock(): Clock & { t: number } {
  return {
    t: 0,
    now() {
      return this.t;
    },
  };
}

/** Nodes as `name:calls:selfNs` by depth-first order, for compact assertions. */
function describe(snapshot: TraceSnapshot): string[] {
  return snapshot.tree.map((node) => {
    let depth = 0;
    for (let p = node.parent; p >= 0; p = snapshot.tree[p]!.parent) depth++;
    return `${'  '.repeat(depth)}${snapshot.frames[node.frame]!.name}:${node.calls}:${node.self}`;
  });
}

function register(recorder: Recorder, ...names: string[]): void {
  recorder.register(
    1,
    ['/p.js'],
    names.map((name, i) => [name, 0, i + 1, 1]),
  );
}

test('each interval is charged to the function on top of the stack', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'outer', 'inner');
  clock.t = 1;
  const outer = recorder.e(1);
  clock.t = 3;
  const inner = recorder.e(2);
  clock.t = 7;
  recorder.x(inner);
  clock.t = 8;
  recorder.x(outer);
  clock.t = 10;
  assert.deepEqual(describe(snapshotFromRaw(recorder.raw())), ['(root):1:3000000', '  outer:1:3000000', '    inner:1:4000000']);
});

test('repeated calls share a node; a call from elsewhere gets its own', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'a', 'b');
  for (let i = 0; i < 3; i++) recorder.x(recorder.e(2));
  const a = recorder.e(1);
  recorder.x(recorder.e(2));
  recorder.x(a);
  assert.deepEqual(describe(snapshotFromRaw(recorder.raw())), ['(root):1:0', '  b:3:0', '  a:1:0', '    b:1:0']);
});

test('an exit for a frame below the top unwinds what is above; a stale exit changes nothing', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'a', 'b', 'c');
  const a = recorder.e(1);
  const b = recorder.e(2);
  recorder.e(3); // never exits (as if its exit threw)
  recorder.x(a); // unwinds c, b and a
  recorder.x(b); // stale: b is no longer on the stack
  clock.t = 5;
  recorder.x(recorder.e(3)); // a new call lands under the root
  const snapshot = snapshotFromRaw(recorder.raw());
  assert.deepEqual(describe(snapshot), ['(root):1:5000000', '  a:1:0', '    b:1:0', '      c:1:0', '  c:1:0']);
});

test('a snapshot mid-run charges the running functions their time so far, and recording goes on', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'main');
  const main = recorder.e(1);
  clock.t = 4;
  assert.deepEqual(describe(snapshotFromRaw(recorder.raw())), ['(root):1:0', '  main:1:4000000']);
  clock.t = 6;
  recorder.x(main);
  assert.deepEqual(describe(snapshotFromRaw(recorder.raw())), ['(root):1:0', '  main:1:6000000']);
});

test('an async activation counts one call; suspended time is charged to nobody', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'main', 'fetch');
  const main = recorder.e(1);
  clock.t = 1;
  const cell = recorder.ea(2);
  clock.t = 2;
  recorder.s(undefined, cell); // await: fetch suspends, main goes on
  clock.t = 3;
  recorder.x(main);
  clock.t = 10; // the event loop, idle
  recorder.r(undefined, cell); // resumed from the microtask queue: under the root
  clock.t = 14;
  recorder.xa(cell);
  recorder.xa(cell); // a second exit of a finished activation changes nothing
  assert.deepEqual(describe(snapshotFromRaw(recorder.raw())), ['(root):1:7000000', '  main:1:2000000', '    fetch:1:1000000', '  fetch:0:4000000']);
});

test('overhead subtraction takes a fixed cost per event off self times, never below zero', () => {
  const clock = manualClock();
  const recorder = createRecorder(clock);
  register(recorder, 'a', 'b');
  const a = recorder.e(1); // t=0
  clock.t = 0.002;
  recorder.x(recorder.e(2)); // b: 0 ms
  clock.t = 0.01;
  recorder.x(a);
  // Events charged: a: 2 (closed by b's enter, by a's exit), b: 1 (its exit).
  const snapshot = snapshotFromRaw(recorder.raw(), 0.001);
  assert.equal(snapshot.overheadPerEvent, 1000);
  assert.deepEqual(describe(snapshot), ['(root):1:0', '  a:1:8000', '    b:1:0']);
});

test("the recorder's calibration probe is measured and left out of snapshots", () => {
  const recorder = createRecorder();
  register(recorder, 'a');
  recorder.x(recorder.e(1));
  const overhead = recorder.overheadPerEvent();
  assert.ok(overhead >= 0 && overhead < 0.01, `overhead ${overhead} ms`);
  recorder.x(recorder.e(1));
  assert.deepEqual(
    snapshotFromRaw(recorder.raw()).tree.map((n) => [n.parent, n.calls]),
    [
      [-1, 1],
      [0, 2],
    ],
  );
});

/** Runs `code` instrumented as a script in a fresh context with `recorder` installed. */
function runInstrumented(code: string, recorder: Recorder, globals: Record<string, unknown> = {}): vm.Context {
  const result = instrument(code, { file: '/prog.js', sourceType: 'script' });
  assert.ok(result.ok, result.ok ? '' : result.error);
  const context = vm.createContext({ __hpTrace: recorder, ...globals });
  vm.runInContext(result.code, context);
  return context;
}

const TAYLOR = `
function factorial(n) { return n === 0 ? 1.0 : n * factorial(n - 1); }
function taylorExp(n) { const t = []; for (let i = 0; i < n; i++) t.push(1 / factorial(i)); return t; }
function taylorSin(n) {
  const t = [];
  for (let i = 0; i < n; i++) t.push(i % 2 === 1 ? (-1) ** ((i - 1) / 2) / factorial(i) : 0);
  return t;
}
function main() { taylorExp(500); taylorSin(500); }
main();
`;

test("taylor's factorial: 188000/750 calls, 187250/749 from itself, 500 from taylorExp, 250 from taylorSin", () => {
  const recorder = createRecorder();
  runInstrumented(TAYLOR, recorder);
  const { frames, tree } = snapshotFromRaw(recorder.raw());
  const { functions, edges } = callGraphFromTree(tree, frames.length);
  const frame = (name: string): number => frames.findIndex((f) => f.name === name);
  const factorial = functions.find((f) => f.frame === frame('factorial'))!;
  assert.equal(factorial.calls, 188000);
  assert.equal(factorial.primitiveCalls, 750);
  const callers = edges.filter((e) => e.callee === frame('factorial')).map((e) => [frames[e.caller]!.name, e.calls, e.primitiveCalls]);
  assert.deepEqual(callers.sort(), [
    ['factorial', 187250, 749],
    ['taylorExp', 500, 500],
    ['taylorSin', 250, 250],
  ]);
  assert.deepEqual(frames[frame('factorial')], {
    name: 'factorial',
    file: '/prog.js',
    line: 2,
    column: 1,
    category: 'user',
  });
});

test('throws and early returns exit their frames; callers go on being counted right', () => {
  const recorder = createRecorder();
  const context = runInstrumented(
    `
    function check(n) { if (n < 0) throw new RangeError('negative'); if (n === 0) return 'zero'; return 'positive'; }
    function guarded(n) { try { return check(n); } catch (e) { return e.name; } finally { log.push('done ' + n); } }
    function loop() { for (const n of [-1, 0, 1]) out.push(guarded(n)); return out; }
    const out = [], log = [];
    loop();
    `,
    recorder,
  );
  // JSON: arrays of the VM's realm are not deep-equal to this realm's.
  assert.equal(
    vm.runInContext('JSON.stringify([out, log])', context),
    JSON.stringify([
      ['RangeError', 'zero', 'positive'],
      ['done -1', 'done 0', 'done 1'],
    ]),
  );
  assert.deepEqual(
    describe(snapshotFromRaw(recorder.raw())).map((l) => l.replace(/:\d+$/, '')),
    ['(root):1', '  loop:1', '    guarded:3', '      check:3'],
  );
});
