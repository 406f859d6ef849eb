// The pprof exporter, decoded again with pprof-format and checked against profile.proto's
// rules: string 0 is "", every id resolves, values match the sample types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { totalTime } from '../src/export/counts.js';
import { pprofExporter } from '../src/export/pprof.js';
import type { Profile } from '../src/model/profile.js';
import { sampledTaylor, taylor } from './convert-fixtures.js';

function decode(profile: Profile): PprofProfile {
  const bytes = pprofExporter.write(profile) as Uint8Array;
  assert.deepEqual([bytes[0], bytes[1]], [0x1f, 0x8b], 'gzipped');
  return PprofProfile.decode(gunzipSync(bytes));
}

function check(pprof: PprofProfile): { strings: string[]; leafName: (locationId: number) => string } {
  const strings = pprof.stringTable.strings;
  assert.equal(strings[0], '');
  const string = (i: unknown) => {
    assert.ok(Number(i) >= 0 && Number(i) < strings.length, `string index ${i}`);
    return strings[Number(i)]!;
  };
  const functions = new Map(pprof.function.map((f) => [Number(f.id), f]));
  const locations = new Map(pprof.location.map((l) => [Number(l.id), l]));
  const mappings = new Set(pprof.mapping.map((m) => Number(m.id)));
  for (const f of pprof.function) [f.name, f.systemName, f.filename].forEach(string);
  for (const l of pprof.location) {
    assert.ok(mappings.has(Number(l.mappingId)));
    for (const line of l.line) assert.ok(functions.has(Number(line.functionId)));
  }
  for (const s of pprof.sample) {
    assert.equal(s.value.length, pprof.sampleType.length);
    for (const id of s.locationId) assert.ok(locations.has(Number(id)), `location ${id}`);
  }
  const leafName = (id: number) => string(functions.get(Number(locations.get(id)!.line[0]!.functionId))!.name);
  return { strings, leafName };
}

test('pprof: decodes to a valid profile with calls/count and cpu/nanoseconds', () => {
  const pprof = decode(taylor());
  const { strings, leafName } = check(pprof);
  assert.deepEqual(
    pprof.sampleType.map((t) => [strings[Number(t.type)], strings[Number(t.unit)]]),
    [
      ['calls', 'count'],
      ['cpu', 'nanoseconds'],
    ],
  );
  assert.equal(strings[Number(pprof.defaultSampleType)], 'cpu');
  assert.equal(Number(pprof.durationNanos), 50_000_000);
  assert.equal(BigInt(pprof.timeNanos), BigInt(Date.parse('2026-11-25T17:05:58.000Z')) * 1_000_000n);
  const cpu = pprof.sample.reduce((sum, s) => sum + Number(s.value[1]), 0);
  assert.equal(cpu, totalTime(taylor()));
  const factorial = pprof.sample.filter((s) => leafName(Number(s.locationId[0])) === 'factorial');
  assert.equal(
    factorial.reduce((sum, s) => sum + Number(s.value[0]), 0),
    188_000,
  );
  assert.equal(
    factorial.reduce((sum, s) => sum + Number(s.value[1]), 0),
    47_000_000,
  );
  // Stacks are leaf first and end at main: the synthetic root is left out.
  const deepest = factorial.reduce((a, b) => (b.locationId.length > a.locationId.length ? b : a));
  assert.equal(deepest.locationId.length, 500 + 2);
  assert.equal(leafName(Number(deepest.locationId.at(-1))), 'main');
});

test('pprof: functions carry file and start line', () => {
  const pprof = decode(taylor());
  const { strings } = check(pprof);
  const factorial = pprof.function.find((f) => strings[Number(f.name)] === 'factorial')!;
  assert.equal(strings[Number(factorial.filename)], '/proj/examples/taylor.ts');
  assert.equal(Number(factorial.startLine), 1);
});

test('pprof: a profile without counts has only cpu/nanoseconds', () => {
  const pprof = decode(sampledTaylor());
  const { strings } = check(pprof);
  assert.deepEqual(
    pprof.sampleType.map((t) => strings[Number(t.type)]),
    ['cpu'],
  );
  assert.equal(Number(pprof.period), 100_000);
  assert.equal(
    pprof.sample.reduce((sum, s) => sum + Number(s.value[0]), 0),
    totalTime(sampledTaylor()),
  );
});
