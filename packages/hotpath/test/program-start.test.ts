// Trace mode's profile starts where the program's first module starts, not where hotpath's
// preload does: loading and instrumenting the modules is hotpath's start-up, and it was the
// root's self time (a 50 ms program's flame graph read "all (305 ms)").
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfile } from '../src/model/file.js';
import { hotpath, tempDir } from './consumers.js';

const dir = tempDir('program-start');

// The program times itself from its first statement to its last and prints it.
const PROGRAM = `const t0 = performance.now();
let x = 0;
function work(n) { for (let i = 0; i < n; i++) x += Math.sqrt(i); }
while (performance.now() - t0 < 50) work(10000);
console.log(JSON.stringify({ wallMs: performance.now() - t0 }));
`;

test("trace mode: a short program's root total is within a few ms of its own wall time", async () => {
  const script = path.join(dir, 'short.mjs');
  fs.writeFileSync(script, PROGRAM);
  const output = path.join(dir, 'short.json');
  const stdout = hotpath(dir, 'profile', '--mode', 'trace', '-o', output, script);
  const { wallMs } = JSON.parse(stdout) as { wallMs: number };
  const profile = await loadProfile(output);
  const rootTotalMs = profile.tree!.reduce((sum, node) => sum + node.self, 0) / 1e6; // the root's total: every node's own time
  // The root's own time is the program's top level between its calls (and its last statement).
  assert.ok(rootTotalMs <= wallMs + 5, `root total ${rootTotalMs.toFixed(1)} ms, the program's wall time ${wallMs.toFixed(1)} ms`);
  assert.ok(rootTotalMs >= wallMs * 0.8, `root total ${rootTotalMs.toFixed(1)} ms, the program's wall time ${wallMs.toFixed(1)} ms`);
});
