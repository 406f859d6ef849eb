// The readers' edge: a .cpuprofile whose nodes do not form one tree is refused by name, and
// what the readers accept cannot break a writer: a 100,000-deep call chain goes through every
// exporter and the view without recursion, and times at the model's limit (2^53 ns) give
// bounded, finite outputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Profile as PprofProfile } from 'pprof-format';
import { cpuProfile, MAX_SYNTHESISED_SAMPLES } from '../src/export/cpuprofile.js';
import { EXPORTERS } from '../src/export/index.js';
import { parseAnyProfile } from '../src/import/read-any.js';
import { MAX_TIME_NS } from '../src/model/limits.js';
import { parseProfile, serializeProfile } from '../src/model/file.js';
import { renderReport } from '../src/report/report.js';
import { buildViewData } from '../src/view/view-data.js';
import { deepChain } from './fuzz/inputs.js';
import { taylorProfile } from './fixtures.js';

const frame = (name: string) => ({ functionName: name, scriptId: '1', url: 'file:///a.js', lineNumber: 0, columnNumber: 0 });
const base = { startTime: 0, endTime: 300, samples: [2, 3, 3], timeDeltas: [0, 100, 100] };
const read = (value: unknown) => parseAnyProfile(Buffer.from(JSON.stringify(value)), 'p.cpuprofile');

test('a cpuprofile whose nodes are not one tree is refused, naming the node', () => {
  const cases: Array<[unknown[], RegExp]> = [
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: frame('a'), children: [3] },
        { id: 3, callFrame: frame('b') },
      ],
      /node 3 has two parents \(1 and 2\)/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('a'), children: [2] },
        { id: 3, callFrame: frame('b'), parent: 1 },
      ],
      /node 2 is its own child/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('a') },
        { id: 3, callFrame: frame('b') },
      ],
      /its nodes have 2 roots \(nodes 1, 3\)/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('a'), children: [3] },
        { id: 3, callFrame: frame('b'), children: [2] },
      ],
      /node 2 has two parents/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('a'), children: [3] },
        { id: 3, callFrame: frame('b'), children: [2] },
      ],
      /node 3 has two parents|not reached from the root/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: frame('a') },
        { id: 2, callFrame: frame('b') },
      ],
      /nodes\[2\]\.id \(2\) is the id of an earlier node/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: { ...frame('a'), url: 7 } },
        { id: 3, callFrame: frame('b') },
      ],
      /nodes\[1\]\.callFrame\.url must be a string/,
    ],
    [
      [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: { ...frame('a'), lineNumber: -1e308 } },
        { id: 3, callFrame: frame('b') },
      ],
      /nodes\[1\]\.callFrame\.lineNumber must be an integer from -1/,
    ],
  ];
  for (const [nodes, why] of cases) {
    assert.throws(
      () => read({ ...base, nodes }),
      (error: Error) => /^p\.cpuprofile is not a valid cpuprofile: /.test(error.message) && why.test(error.message) && !error.message.includes('\n'),
      why.source,
    );
  }
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children: [2, 3] },
    { id: 2, callFrame: frame('a') },
    { id: 3, callFrame: frame('b') },
  ];
  assert.throws(() => read({ ...base, nodes, samples: [2, 9, 3] }), /samples\[1\] \(9\) is not the id of a node/);
  assert.throws(() => read({ ...base, nodes, timeDeltas: [0, 100] }), /timeDeltas has 2 entries for 3 samples/);
  assert.throws(() => read({ ...base, nodes, timeDeltas: [0, 1e308, 1] }), /timeDeltas\[1\] must be a number of µs/);
  assert.throws(() => read({ ...base, nodes, endTime: -5 }), /endTime \(-5\) is before startTime \(0\)/);
  const good = read({ ...base, nodes, timeDeltas: [0, -3, 100] }); // V8 can write a negative delta: read as 0
  assert.ok(good.tree!.every((node) => node.self >= 0));
});

test('a 100,000-deep call chain goes through the readers, every exporter and the view without recursion', async () => {
  for (const [kind, text] of [
    ['profile', deepChain('profile')],
    ['cpuprofile', deepChain('cpuprofile')],
  ] as const) {
    const profile = kind === 'profile' ? parseProfile(text, 'deep.json') : parseAnyProfile(Buffer.from(text), 'deep.cpuprofile');
    assert.ok(profile.tree!.length >= 100_000);
    assert.match(renderReport(profile), /function calls/);
    for (const exporter of EXPORTERS.filter((e) => e.name !== 'svg')) {
      const data = await exporter.write(profile);
      assert.ok(data.length > 0, exporter.name);
    }
    const view = buildViewData(profile, { sourceLimits: { maxFileBytes: 0, maxTotalBytes: 0 } });
    assert.ok(view.tree!.parent.length <= 20_000);
    const pprof = PprofProfile.decode(gunzipSync((await EXPORTERS.find((e) => e.name === 'pprof')!.write(profile)) as Uint8Array));
    const comments = pprof.comment.map((i) => pprof.stringTable.strings[Number(i)]);
    assert.ok(
      comments.some((c) => /stacks deeper than \d+ frames keep their innermost/.test(c!)),
      kind,
    );
    assert.ok(pprof.sample.every((s) => s.locationId.length <= 64 || s.locationId.length <= 4_000_000 / pprof.sample.length + 1));
  }
});

test('huge times give bounded, finite outputs (a cpuprofile of 2^53 ns has at most a million samples)', () => {
  const text = serializeProfile(taylorProfile())
    .replace(/"self":\d+/g, `"self":${MAX_TIME_NS}`)
    .replace(/"total":\d+/g, `"total":${MAX_TIME_NS}`);
  const profile = parseProfile(text, 'huge.json');
  let out = cpuProfile(profile);
  assert.ok(out.samples.length <= MAX_SYNTHESISED_SAMPLES + out.nodes.length);
  assert.ok(out.timeDeltas.every(Number.isFinite) && Number.isFinite(out.endTime));
  assert.doesNotMatch(renderReport(profile), /NaN|Infinity|e\+/);
  // 1000 s a node: 2e15 ns in all, 2e10 samples of 100 µs if unbounded.
  const large = parseProfile(text.replace(new RegExp(String(MAX_TIME_NS), 'g'), '1000000000000'), 'large.json');
  out = cpuProfile(large);
  assert.ok(out.samples.length <= MAX_SYNTHESISED_SAMPLES + out.nodes.length);
  assert.ok(out.timeDeltas.every(Number.isFinite) && Number.isFinite(out.endTime));
  // Read back, the self times are the ones written (to the µs the format keeps).
  const back = parseAnyProfile(Buffer.from(JSON.stringify(out)), 'huge.cpuprofile');
  const treeSelf = (p: typeof profile, name: string) => p.tree!.reduce((sum, n) => sum + (p.frames[n.frame]!.name === name ? n.self : 0), 0);
  assert.ok(Math.abs(treeSelf(back, 'factorial') - treeSelf(large, 'factorial')) / treeSelf(large, 'factorial') < 1e-9);
});
