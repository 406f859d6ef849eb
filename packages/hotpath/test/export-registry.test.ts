// The exporter registry: formats by name and by file name, and writeProfileAs's atomic,
// all-or-nothing writes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { EXPORTERS, exporterByName, exporterForPath, UnknownFormatError, writeProfileAs, writeProfileAsSync } from '../src/export/index.js';
import { loadProfileSync } from '../src/model/file.js';
import { taylor } from './convert-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-registry-'));

test('file names pick formats, the longest ending first', () => {
  const cases: Record<string, string> = {
    'a.json': 'hotpath',
    'a.hotpath.json': 'hotpath',
    'a.speedscope.json': 'speedscope',
    'A.CPUPROFILE': 'cpuprofile',
    'a.callgrind': 'callgrind',
    '/x/callgrind.out.123': 'callgrind',
    'a.dot': 'dot',
    'a.gv': 'dot',
    'a.svg': 'svg',
    'a.prof': 'pstats',
    'a.pstats': 'pstats',
    'a.pb.gz': 'pprof',
    'a.pprof': 'pprof',
  };
  for (const [file, name] of Object.entries(cases)) assert.equal(exporterForPath(file).name, name, file);
  assert.throws(() => exporterForPath('a.gz'), UnknownFormatError);
  assert.throws(() => exporterByName('gprof'), /unknown format "gprof" \(known: hotpath, callgrind, dot, svg, pstats, speedscope, cpuprofile, pprof\)/);
  assert.equal(exporterByName('PPROF').name, 'pprof');
  assert.deepEqual(new Set(EXPORTERS.map((e) => e.name)).size, EXPORTERS.length);
});

test('writeProfileAs writes by name or format; an unknown name can fall back to hotpath JSON', async () => {
  assert.equal((await writeProfileAs(taylor(), path.join(dir, 'a.callgrind'))).name, 'callgrind');
  assert.equal((await writeProfileAs(taylor(), path.join(dir, 'graph'), 'svg')).name, 'svg');
  assert.match(fs.readFileSync(path.join(dir, 'graph'), 'utf8'), /<svg/);
  await assert.rejects(writeProfileAs(taylor(), path.join(dir, 'prof.out')), UnknownFormatError);
  assert.ok(!fs.existsSync(path.join(dir, 'prof.out')));
  await writeProfileAs(taylor(), path.join(dir, 'prof.out'), undefined, { fallbackFormat: 'hotpath' });
  assert.deepEqual(loadProfileSync(path.join(dir, 'prof.out')), taylor());
});

test('writeProfileAsSync writes every format but svg', () => {
  assert.equal(writeProfileAsSync(taylor(), path.join(dir, 'sync.pb.gz')).name, 'pprof');
  assert.throws(() => writeProfileAsSync(taylor(), path.join(dir, 'sync.svg')), /cannot be written synchronously/);
  assert.ok(!fs.existsSync(path.join(dir, 'sync.svg')));
  assert.deepEqual(
    fs.readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    [],
  );
});
