// The independent reader: the same numbers fed to Python's own pstats (through a stand-in
// profiler object) must print exactly what hotpath prints. Skipped where python3 is absent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import type { Profile } from '../src/model/profile.js';
import { renderCallees, renderCallers } from '../src/report/callers.js';
import { frameLabels } from '../src/report/rows.js';
import type { SortKey } from '../src/report/sort.js';
import { renderStats, type StatsOptions } from '../src/report/stats-table.js';
import { foldProfile } from '../src/model/fold.js';
import { internalsProfile, taylorProfile } from './fixtures.js';

const hasPython = spawnSync('python3', ['-c', 'import pstats'], { encoding: 'utf8' }).status === 0;

// pstats.Stats(obj) accepts any object with create_stats() and a `stats` dict.
const SCRIPT = `
import io, json, pstats, sys
data = json.load(sys.stdin)
class Capture:
    def __init__(self):
        self.stats = {tuple(f['key']): (f['cc'], f['nc'], f['tt'], f['ct'],
                      {tuple(c['key']): tuple(c['value']) for c in f['callers']})
                      for f in data['functions']}
    def create_stats(self):
        pass
for call in data['calls']:
    out = io.StringIO()
    stats = pstats.Stats(Capture(), stream=out)
    stats.sort_stats(*call['sort'])
    getattr(stats, call['method'])(*call['amount'])
    sys.stdout.write(out.getvalue() + '\\x00')
`;

const PSTATS_SORT: Partial<Record<SortKey, string>> = { file: 'filename' };

interface Call {
  method: 'print_stats' | 'print_callers' | 'print_callees';
  sort: SortKey[];
  amount: Array<string | number>;
}

// pstats' data: {(file, line, name): (cc, nc, tt, ct, {caller: (nc, cc, tt, ct)})}, seconds.
function pstatsData(profile: Profile, calls: Call[]): unknown {
  const { files } = frameLabels(profile);
  const key = (frame: number): [string, number, string] => {
    const f = profile.frames[frame]!;
    return files[frame] === '' ? ['~', 0, f.name] : [files[frame]!, f.line, f.name];
  };
  const functions = profile.functions.map((f) => ({
    key: key(f.frame),
    cc: f.primitiveCalls,
    nc: f.calls,
    tt: f.self / 1e9,
    ct: f.total / 1e9,
    callers: profile.edges.filter((e) => e.callee === f.frame).map((e) => ({ key: key(e.caller), value: [e.calls, e.primitiveCalls, e.self / 1e9, e.total / 1e9] })),
  }));
  return { functions, calls: calls.map((c) => ({ ...c, sort: c.sort.map((k) => PSTATS_SORT[k] ?? k) })) };
}

function ours(profile: Profile, call: Call): string {
  const [first, ...rest] = call.amount;
  if (call.method === 'print_stats') {
    const options: StatsOptions = { sort: call.sort };
    for (const amount of call.amount) {
      if (typeof amount === 'string') options.filter = amount;
      else options.limit = amount;
    }
    return renderStats(profile, options);
  }
  const options: StatsOptions = { sort: call.sort, ...(rest.length ? { limit: rest[0] as number } : {}) };
  const render = call.method === 'print_callers' ? renderCallers : renderCallees;
  return render(profile, first as string, options);
}

function comparePython(profile: Profile, calls: Call[]): void {
  const run = spawnSync('python3', ['-c', SCRIPT], { input: JSON.stringify(pstatsData(profile, calls)), encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.split('\x00').slice(0, -1);
  assert.equal(expected.length, calls.length);
  calls.forEach((call, i) => assert.equal(ours(profile, call), expected[i], JSON.stringify(call)));
}

const skip = !hasPython && 'python3 not found';

test('the stats table and callers/callees print exactly as Python pstats prints them', { skip }, () => {
  comparePython(taylorProfile(), [
    { method: 'print_stats', sort: ['tottime'], amount: [] },
    { method: 'print_stats', sort: ['cumtime', 'name'], amount: [2] },
    { method: 'print_stats', sort: ['ncalls'], amount: [0.5] },
    { method: 'print_stats', sort: ['file', 'line'], amount: ['taylor[ES]'] },
    { method: 'print_stats', sort: ['stdname'], amount: ['taylor', 3] },
    { method: 'print_stats', sort: ['nfl'], amount: [] },
    { method: 'print_stats', sort: ['pcalls', 'line'], amount: [] },
    { method: 'print_callers', sort: ['tottime'], amount: ['factorial'] },
    { method: 'print_callers', sort: ['tottime'], amount: ['main'] },
    { method: 'print_callees', sort: ['cumtime'], amount: ['taylor'] },
    { method: 'print_callees', sort: ['name'], amount: ['taylor', 2] },
  ]);
});

test('folded rows print as pstats prints its built-ins, rounding ties as Python does', { skip }, () => {
  comparePython(foldProfile(internalsProfile()), [
    { method: 'print_stats', sort: ['tottime'], amount: [] },
    { method: 'print_stats', sort: ['file', 'name'], amount: [] },
    { method: 'print_callers', sort: ['tottime'], amount: ['internals|handler'] },
    { method: 'print_callees', sort: ['cumtime'], amount: ['.'] },
  ]);
  comparePython(internalsProfile(), [{ method: 'print_stats', sort: ['cumtime'], amount: [] }]);
});
