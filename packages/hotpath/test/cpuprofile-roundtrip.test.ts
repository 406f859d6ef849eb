// The cpuprofile exporter (structure as the DevTools protocol defines Profiler.Profile) and
// importer: export -> import gives the same stats, and a real `node --cpu-prof` file imports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { totalTime } from '../src/export/counts.js';
import { cpuProfile, START_TIME_US, type CpuProfile } from '../src/export/cpuprofile.js';
import { EXPORTERS } from '../src/export/index.js';
import { parseAnyProfile, readAnyProfile } from '../src/import/read-any.js';
import { serializeProfile } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { checkProfileShape } from '../src/model/validate.js';
import { evilProfile, sampledTaylor, taylor } from './convert-fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-cpuprofile-'));

/** Ids, parents, samples, hit counts and positions are consistent. */
function checkStructure(profile: CpuProfile): void {
  const ids = new Set(profile.nodes.map((n) => n.id));
  assert.equal(ids.size, profile.nodes.length, 'unique ids');
  const parents = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children) {
      assert.ok(ids.has(child), `child ${child} exists`);
      assert.ok(!parents.has(child), `child ${child} has one parent`);
      parents.set(child, node.id);
    }
    const { functionName, scriptId, url, lineNumber, columnNumber } = node.callFrame;
    assert.equal(typeof functionName, 'string');
    assert.equal(typeof scriptId, 'string');
    assert.equal(typeof url, 'string');
    assert.ok(Number.isInteger(lineNumber) && lineNumber >= -1 && Number.isInteger(columnNumber) && columnNumber >= -1);
  }
  const roots = profile.nodes.filter((n) => !parents.has(n.id));
  assert.deepEqual(
    roots.map((n) => n.callFrame.functionName),
    ['(root)'],
  );
  assert.equal(profile.samples.length, profile.timeDeltas.length);
  const hits = new Map<number, number>();
  for (const id of profile.samples) {
    assert.ok(ids.has(id));
    hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  for (const node of profile.nodes) assert.equal(node.hitCount, hits.get(node.id) ?? 0);
  assert.ok(profile.timeDeltas.every((d) => d >= 0));
  const lastSample = profile.startTime + profile.timeDeltas.reduce((a, b) => a + b, 0);
  assert.ok(profile.endTime >= lastSample);
}

// Per-function stats keyed by name and position, the way a reader matches them.
function statsByFunction(profile: Profile): Map<string, { self: number; total: number }> {
  return new Map(
    profile.functions.map((f) => {
      const frame = profile.frames[f.frame]!;
      return [`${frame.name} ${frame.file}:${frame.line}:${frame.column}`, { self: f.self, total: f.total }];
    }),
  );
}

function roundTrip(profile: Profile): Profile {
  const text = JSON.stringify(cpuProfile(profile));
  return parseAnyProfile(Buffer.from(text), 'x.cpuprofile');
}

test('cpuprofile: nodes, samples and deltas are consistent', () => {
  for (const profile of [taylor(), sampledTaylor(), evilProfile()]) checkStructure(cpuProfile(profile));
  const exported = cpuProfile(taylor());
  assert.equal(exported.nodes[0]!.callFrame.functionName, '(root)');
  const factorial = exported.nodes.find((n) => n.callFrame.functionName === 'factorial')!;
  assert.deepEqual(factorial.callFrame, {
    functionName: 'factorial',
    scriptId: '1',
    url: 'file:///proj/examples/taylor.ts',
    lineNumber: 0,
    columnNumber: 7,
  });
  // A monotonic-looking start (DevTools reads startTime 0 as no time at all), µs.
  assert.equal(exported.startTime, START_TIME_US);
  assert.equal(Math.round((exported.endTime - exported.startTime) * 1000), totalTime(taylor())); // to the ns
});

test('cpuprofile: self times become samples of at most the interval', () => {
  const exported = cpuProfile(taylor(), { sampleInterval: 10_000 });
  assert.ok(exported.timeDeltas.every((d) => d <= 10));
  const main = exported.nodes.find((n) => n.callFrame.functionName === 'main')!;
  assert.equal(main.hitCount, 2); // 20 µs of self time
  assert.equal(cpuProfile(sampledTaylor()).nodes.find((n) => n.callFrame.functionName === 'main')!.hitCount, 1); // interval 100 µs
});

test('cpuprofile round trip: export -> import keeps frames, tree and every self and total time', () => {
  for (const profile of [taylor(), sampledTaylor(), evilProfile()]) {
    const back = roundTrip(profile);
    checkProfileShape(back);
    assert.equal(back.meta.mode, 'imported');
    assert.equal(back.tree!.length, profile.tree!.length);
    assert.deepEqual(statsByFunction(back), statsByFunction(profile));
    assert.ok(back.functions.every((f) => f.calls === null));
    const edgeTotals = (p: Profile) => p.edges.map((e) => `${p.frames[e.caller]!.name}>${p.frames[e.callee]!.name}:${e.total}`).sort();
    assert.deepEqual(edgeTotals(back), edgeTotals(profile));
  }
});

test('hotpath JSON round trip: the profile comes back unchanged', () => {
  const profile = taylor();
  assert.deepEqual(parseAnyProfile(Buffer.from(serializeProfile(profile)), 'x.json'), profile);
});

test('a real `node --cpu-prof` file imports, and every format writes it', async () => {
  const script = path.join(dir, 'busy.js');
  fs.writeFileSync(script, 'function busy(){let s=0;for(let i=0;i<3e7;i++)s+=Math.sqrt(i);return s}\nconsole.log(busy()>0);\n');
  const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'busy.cpuprofile', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const profile = await readAnyProfile(path.join(dir, 'busy.cpuprofile'));
  checkProfileShape(profile);
  assert.equal(profile.meta.exactness.calls, 'none');
  const busy = profile.functions.find((f) => profile.frames[f.frame]!.name === 'busy');
  assert.ok(busy && busy.self > 0, 'busy has samples');
  assert.equal(profile.frames[busy.frame]!.file, script);
  assert.equal(profile.frames[busy.frame]!.line, 1);
  assert.ok(profile.frames.some((f) => f.category === 'special' && f.name === '(root)'));
  for (const exporter of EXPORTERS) {
    const data = await exporter.write(profile);
    assert.ok(data.length > 0, exporter.name);
  }
  assert.deepEqual(statsByFunction(roundTrip(profile)), statsByFunction(profile));
});

test('cpuprofile import: DevTools `parent` links, and clear errors for broken trees', () => {
  const frame = (functionName: string) => ({
    functionName,
    scriptId: '1',
    url: 'file:///a.js',
    lineNumber: 0,
    columnNumber: 0,
  });
  const withParents = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('main'), parent: 1 },
      { id: 3, callFrame: frame('work'), parent: 2 },
    ],
    startTime: 0,
    endTime: 300,
    samples: [2, 3, 3],
    timeDeltas: [0, 100, 100],
  };
  const profile = parseAnyProfile(Buffer.from(JSON.stringify(withParents)), 'p.cpuprofile');
  const self = (name: string) => profile.functions.find((f) => profile.frames[f.frame]!.name === name)!;
  assert.deepEqual([self('main').self, self('main').total, self('work').self], [100_000, 300_000, 200_000]);
  const cycle = {
    ...withParents,
    nodes: [
      { id: 1, callFrame: frame('a'), children: [2] },
      { id: 2, callFrame: frame('b'), children: [1] },
    ],
  };
  assert.throws(() => parseAnyProfile(Buffer.from(JSON.stringify(cycle)), 'c.cpuprofile'), /c\.cpuprofile is not a valid cpuprofile: its nodes have no root/);
  const dangling = { ...withParents, nodes: [{ id: 1, callFrame: frame('a'), children: [7] }] };
  assert.throws(
    () => parseAnyProfile(Buffer.from(JSON.stringify(dangling)), 'd.cpuprofile'),
    /d\.cpuprofile is not a valid cpuprofile: nodes\[0\]\.children\[0\] \(7\) is not the id of a node/,
  );
  const badDelta = { ...withParents, timeDeltas: [0, 'x', 100] };
  assert.throws(() => parseAnyProfile(Buffer.from(JSON.stringify(badDelta)), 'e.cpuprofile'), /e\.cpuprofile is not a valid cpuprofile: timeDeltas\[1\] must be a number of µs/);
});
