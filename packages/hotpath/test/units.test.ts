// A profile whose weights are bytes (an allocation profile) through the model, the tables
// and every exporter, read back by the formats' own readers where they are installed
// (go tool pprof, callgrind_annotate); the formats that hold only time refuse it in one line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Profile as PprofProfile } from 'pprof-format';
import { gunzipSync } from 'node:zlib';
import { exporterByName, writeProfileAs } from '../src/export/index.js';
import { addProfiles } from '../src/model/add.js';
import { parseProfile, serializeProfile } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { renderStats } from '../src/report/stats-table.js';
import { human, humanTime, setWeight } from '../src/view/page/format.js';
import { buildViewData } from '../src/view/view-data.js';
import { ROOT, tempDir } from './consumers.js';
import { taylorProfile } from './fixtures.js';

const dir = tempDir('units');

/** The Taylor fixture with its weights read as bytes allocated. */
function bytesProfile(): Profile {
  return { ...taylorProfile(), unit: 'bytes', measure: 'allocated' };
}
const total = (p: Profile): number => p.functions.reduce((sum, f) => sum + f.self, 0);

test('hotpath JSON keeps the unit and what is measured; an unknown unit is refused', () => {
  const profile = bytesProfile();
  const back = parseProfile(serializeProfile(profile), 'bytes.json');
  assert.equal(back.unit, 'bytes');
  assert.equal(back.measure, 'allocated');
  assert.deepEqual(back.functions, profile.functions);
  assert.throws(() => parseProfile(serializeProfile({ ...profile, unit: 'kg' as 'bytes' }), 'kg.json'), /unit/);
});

test('the stats table heads and prints bytes, not seconds', () => {
  const out = renderStats(bytesProfile());
  assert.match(out, new RegExp(`function calls .*in ${total(bytesProfile())} bytes allocated`));
  assert.match(out, /^ {3}ncalls totbytes {2}percall cumbytes {2}percall filename:lineno\(function\)$/m);
  assert.doesNotMatch(out, /seconds|tottime/);
  // The time table stays pstats' own.
  assert.match(renderStats(taylorProfile()), /^ {3}ncalls {2}tottime {2}percall {2}cumtime {2}percall filename/m);
});

test('adding profiles of different units is refused', () => {
  assert.throws(
    () =>
      addProfiles([
        { file: 'a.json', profile: taylorProfile() },
        { file: 'b.json', profile: bytesProfile() },
      ]),
    /b\.json holds bytes, a\.json holds ns: profiles of different units cannot be added/,
  );
});

test('pprof: the sample type is alloc_space/bytes, and go tool pprof reads the bytes', () => {
  const data = exporterByName('pprof').write(bytesProfile()) as Uint8Array;
  const decoded = PprofProfile.decode(gunzipSync(data));
  const types = decoded.sampleType.map((t) => `${decoded.stringTable.strings[Number(t.type)]}/${decoded.stringTable.strings[Number(t.unit)]}`);
  assert.ok(types.includes('alloc_space/bytes'), types.join(', '));
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error) return; // the reader is not installed here; the decoded message was checked above
  const file = path.join(dir, 'bytes.pb.gz');
  fs.writeFileSync(file, data);
  const run = spawnSync('go', ['tool', 'pprof', '-top', '-sample_index=alloc_space', '-unit=B', file], { encoding: 'utf8', env: { ...process.env, PPROF_TMPDIR: dir, HOME: dir } });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Type: alloc_space/);
  assert.match(run.stdout, new RegExp(`of ${total(bytesProfile())}B total`));
});

test('speedscope: unit bytes', () => {
  const file = JSON.parse(String(exporterByName('speedscope').write(bytesProfile())));
  for (const p of file.profiles) assert.equal(p.unit, 'bytes');
});

test('callgrind: event Bytes, and callgrind_annotate sums them', () => {
  const text = String(exporterByName('callgrind').write(bytesProfile()));
  assert.match(text, /^event: Bytes : Bytes allocated$/m);
  assert.match(text, /^events: Bytes$/m);
  if (spawnSync('callgrind_annotate', ['--version']).error) return;
  const file = path.join(dir, 'callgrind.out.bytes');
  fs.writeFileSync(file, text);
  const run = spawnSync('callgrind_annotate', ['--auto=no', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Bytes/);
  assert.match(run.stdout.replace(/,/g, ''), new RegExp(`${total(bytesProfile())}`));
});

test('dot: the graph says what its shares are of', () => {
  const text = String(exporterByName('dot').write(bytesProfile()));
  assert.match(text, new RegExp(`label="shares of ${total(bytesProfile())} bytes \\(allocated\\)"`));
});

test('pstats and .cpuprofile hold only time: writing bytes to them is refused, and the CLI exits 2 with one line', async () => {
  for (const name of ['x.prof', 'x.cpuprofile']) {
    await assert.rejects(writeProfileAs(bytesProfile(), path.join(dir, name)), /holds bytes \(allocated\), and .* holds only time/);
  }
  const input = path.join(dir, 'bytes.json');
  fs.writeFileSync(input, serializeProfile(bytesProfile()));
  const run = spawnSync(process.execPath, [path.join(ROOT, 'packages/hotpath/bin/hotpath.js'), 'convert', input, '-o', path.join(dir, 'out.prof')], { encoding: 'utf8' });
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  assert.match(run.stderr, /holds only time/);
  assert.equal(fs.existsSync(path.join(dir, 'out.prof')), false);
});

test('the view: its data says what the weights are, and the page prints them in bytes', () => {
  assert.deepEqual(buildViewData(bytesProfile()).weight, { unit: 'bytes', measure: 'allocated' });
  assert.deepEqual(buildViewData(taylorProfile()).weight, { unit: 'ns' });
  try {
    setWeight({ unit: 'bytes', measure: 'allocated' });
    assert.equal(human(47_470_000), '45.3 MiB');
    assert.equal(human(512), '512 B');
    assert.equal(humanTime(47_470_000), '47.5 ms'); // durations stay times
    setWeight(undefined);
    assert.equal(human(47_470_000), '47.5 ms');
  } finally {
    setWeight(undefined);
  }
});

test('hotpath stats: a bytes profile printed in bytes; adding it to a time profile exits 2 with one line', () => {
  const bin = path.join(ROOT, 'packages/hotpath/bin/hotpath.js');
  const bytesFile = path.join(dir, 'stats-bytes.json');
  const timeFile = path.join(dir, 'stats-ns.json');
  fs.writeFileSync(bytesFile, serializeProfile(bytesProfile()));
  fs.writeFileSync(timeFile, serializeProfile(taylorProfile()));
  const shown = spawnSync(process.execPath, [bin, 'stats', bytesFile], { encoding: 'utf8' });
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /in 47470000 bytes allocated/);
  const added = spawnSync(process.execPath, [bin, 'stats', timeFile, bytesFile], { encoding: 'utf8' });
  assert.equal(added.status, 2);
  assert.equal(added.stdout, '');
  assert.match(added.stderr, /^hotpath stats: .*stats-bytes\.json holds bytes, .*stats-ns\.json holds ns: profiles of different units cannot be added\n$/);
});
