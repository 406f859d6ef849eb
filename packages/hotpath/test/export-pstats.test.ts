// The pstats exporter and its marshal writer, read back by Python's own marshal and pstats
// (the independent readers; skipped where python3 is absent).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { marshal, type PyValue } from '../src/export/marshal.js';
import { writePstats } from '../src/export/pstats.js';
import { evilProfile, sampledTaylor, taylor } from './convert-fixtures.js';

const hasPython = spawnSync('python3', ['-c', 'import pstats, marshal'], { encoding: 'utf8' }).status === 0;
const skip = !hasPython && 'python3 is not installed';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-pstats-'));

function python(script: string, file: string): string {
  const run = spawnSync('python3', ['-c', script, file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

test('marshal: the bytes of the basic codes', () => {
  assert.deepEqual([...marshal(1n)], [0x69, 1, 0, 0, 0]);
  assert.deepEqual([...marshal(-2n)], [0x69, 0xfe, 0xff, 0xff, 0xff]);
  assert.deepEqual([...marshal(2n ** 31n)], [0x6c, 3, 0, 0, 0, 0, 0, 0, 0, 2, 0]); // 2**31 = 2 * (2**15)**2
  assert.deepEqual([...marshal('é')], [0x75, 2, 0, 0, 0, 0xc3, 0xa9]);
  assert.deepEqual([...marshal([])], [0x29, 0]);
  assert.deepEqual([...marshal(new Map())], [0x7b, 0x30]);
  assert.equal(marshal(0.5)[0], 0x67);
});

test('marshal: Python reads back ints of every size, floats, str, tuples and dicts', { skip }, () => {
  const big = 2n ** 70n + 12345n;
  const value: PyValue = new Map<PyValue, PyValue>([
    ['ints', [0n, 1n, -1n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 31n, -(2n ** 40n), big]],
    ['floats', [0.25, -1e-9, 47.000000001, 0]],
    [['tuple', 'key', 1n], 'unicode ✓ <img> "q" \\ \n'],
    ['long tuple', Array.from({ length: 300 }, (_, i) => BigInt(i))],
  ]);
  const file = save('values.marshal', marshal(value));
  const expected = {
    ints: ['0', '1', '-1', '2147483647', '-2147483648', '2147483648', '-1099511627776', big.toString()],
    floats: [0.25, -1e-9, 47.000000001, 0],
    tuple: 'unicode ✓ <img> "q" \\ \n',
    long: 300,
  };
  const out = python(
    `import json, marshal, sys
d = marshal.load(open(sys.argv[1], 'rb'))
assert all(type(v) is int for v in d['ints']) and all(type(v) is float for v in d['floats'])
print(json.dumps({'ints': [str(v) for v in d['ints']], 'floats': d['floats'],
  'tuple': d[('tuple', 'key', 1)], 'long': len(d['long tuple'])}))`,
    file,
  );
  assert.deepEqual(JSON.parse(out), expected);
});

// What pstats makes of a file: its totals, and factorial's row and callers.
const READ_STATS = `import json, pstats, sys
s = pstats.Stats(sys.argv[1])
rows = {f[2]: {'key': list(f), 'cc': cc, 'nc': nc, 'tt': tt, 'ct': ct,
  'callers': {c[2]: list(v) for c, v in callers.items()}} for f, (cc, nc, tt, ct, callers) in s.stats.items()}
print(json.dumps({'count': len(s.stats), 'total_calls': s.total_calls, 'prim_calls': s.prim_calls,
  'total_tt': s.total_tt, 'rows': rows}))`;

test('pstats: Python loads it; factorial 188000/750, callers as cProfile writes them', { skip }, () => {
  const stats = JSON.parse(python(READ_STATS, save('taylor.prof', writePstats(taylor()))));
  assert.equal(stats.total_calls, 188003);
  assert.equal(stats.prim_calls, 753);
  assert.ok(Math.abs(stats.total_tt - 0.047470333) < 1e-12);
  const factorial = stats.rows.factorial;
  assert.deepEqual(factorial.key, ['/proj/examples/taylor.ts', 1, 'factorial']);
  assert.deepEqual([factorial.cc, factorial.nc], [750, 188000]);
  assert.ok(Math.abs(factorial.tt - 0.047) < 1e-12 && Math.abs(factorial.ct - 0.047) < 1e-12);
  // Callers' tuples are (nc, cc, tt, ct), the order cProfile uses.
  assert.deepEqual(factorial.callers.factorial.slice(0, 2), [187250, 749]);
  assert.deepEqual(factorial.callers.taylorExp.slice(0, 2), [500, 500]);
  assert.ok(Math.abs(factorial.callers.taylorExp[3] - 0.0313125) < 1e-12);
  assert.deepEqual(factorial.callers.taylorSin.slice(0, 2), [250, 250]);
  assert.deepEqual(stats.rows.main.callers, {});
});

test("pstats: print_callers prints what hotpath's report prints", { skip }, () => {
  const file = save('taylor2.prof', writePstats(taylor()));
  const out = python(
    `import pstats, sys
pstats.Stats(sys.argv[1]).print_callers('factorial')`,
    file,
  );
  assert.match(out, /taylor\.ts:1\(factorial\)\s+<- 187250\/749\s+0\.047\s+0\.047\s+\/proj\/examples\/taylor\.ts:1\(factorial\)/);
});

test('pstats: sampled profiles load with lower-bound counts, odd names load as text', { skip }, () => {
  const sampled = JSON.parse(python(READ_STATS, save('sampled.prof', writePstats(sampledTaylor()))));
  assert.deepEqual([sampled.rows.factorial.nc, sampled.rows.factorial.cc], [1000, 2]);
  const evil = JSON.parse(python(READ_STATS, save('evil.prof', writePstats(evilProfile()))));
  assert.ok(evil.rows['<img src=x onerror=alert(1)>']);
  assert.deepEqual(evil.rows['two\nlines'].key, ['~', 0, 'two\nlines']);
  assert.equal(evil.count, 5); // the two (anonymous) functions, on different lines, are two keys
  assert.equal(evil.total_calls, 15);
});
