// hotpath time's parts without running anything: which words make which commands, and the
// comparison of made-up runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandsOf } from '../src/time/command.js';
import type { RunFigures } from '../src/time/measure.js';
import { compareCommands, summarize } from '../src/time/summary.js';

test('words are one command; lines that each hold a space are one shell command each', () => {
  assert.deepEqual(commandsOf(['ls', '-l']), [{ label: 'ls -l', file: 'ls', args: ['-l'] }]);
  assert.deepEqual(
    commandsOf(['node', '-e', 'let a = 1']).map((c) => c.args),
    [['-e', 'let a = 1']],
  );
  assert.deepEqual(
    commandsOf(['node a.js', 'node b.js']).map((c) => [c.file, c.args]),
    [
      ['/bin/sh', ['-c', 'node a.js']],
      ['/bin/sh', ['-c', 'node b.js']],
    ],
  );
  assert.deepEqual(
    commandsOf([], ['sleep 1']).map((c) => c.label),
    ['sleep 1'],
  );
  const script = commandsOf(['x.ts', 'arg'])[0]!;
  assert.equal(script.file, process.execPath);
  assert.deepEqual(script.args.slice(0, 1), ['--import']);
  assert.deepEqual(script.args.slice(-2), ['x.ts', 'arg']);
  assert.deepEqual(
    commandsOf(['x.mjs']).map((c) => c.args),
    [['x.mjs']],
  );
});

function runs(...ms: number[]): RunFigures[] {
  return ms.map((m) => ({ realNs: m * 1e6, userNs: null, sysNs: null, maxRssKiB: 1000, exitCode: 0, signal: null }));
}

test('the fastest by median; the ratio of medians; overlapping middle halves are noise', () => {
  const a = summarize({ label: 'a', file: 'a', args: [] }, runs(100, 101, 102, 103, 150));
  const b = summarize({ label: 'b', file: 'b', args: [] }, runs(200, 201, 202, 203, 204));
  const c = summarize({ label: 'c', file: 'c', args: [] }, runs(99, 102, 103, 104, 105));
  const { fastest, others } = compareCommands([b, a, c]);
  assert.equal(fastest, a);
  assert.deepEqual(
    others.map((o) => [o.summary.command.label, Number(o.ratio.toFixed(4)), o.inNoise]),
    [
      ['b', 1.9804, false],
      ['c', 1.0098, true],
    ],
  );
  assert.equal(a.user, null, 'no CPU figures where /proc gives none');
  assert.equal(a.maxRss!.median, 1000);
});
