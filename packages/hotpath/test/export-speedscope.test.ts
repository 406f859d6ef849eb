// The speedscope exporter, checked against the published file format
// (https://www.speedscope.app/file-format-schema.json, written from speedscope's
// src/lib/file-format-spec.ts) by a small validator below, and for the times it carries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { speedscopeExporter } from '../src/export/speedscope.js';
import type { Profile } from '../src/model/profile.js';
import { evilProfile, sampledTaylor, taylor, T } from './convert-fixtures.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed file, checked field by field
type Json = Record<string, any>;
const UNITS = ['none', 'nanoseconds', 'microseconds', 'milliseconds', 'seconds', 'bytes'];
const FILE_KEYS = ['$schema', 'shared', 'profiles', 'name', 'activeProfileIndex', 'exporter'];

/** The schema's rules (required fields, types, enums) plus the spec's comments (ordering, balance). */
function validate(file: Json): void {
  assert.deepEqual(
    Object.keys(file).filter((k) => !FILE_KEYS.includes(k)),
    [],
    'no unknown top-level fields',
  );
  assert.equal(file.$schema, 'https://www.speedscope.app/file-format-schema.json');
  assert.ok(Array.isArray(file.shared?.frames), 'shared.frames');
  const frames = file.shared.frames as Json[];
  for (const frame of frames) {
    assert.equal(typeof frame.name, 'string');
    assert.deepEqual(
      Object.keys(frame).filter((k) => !['name', 'file', 'line', 'col'].includes(k)),
      [],
    );
    if ('file' in frame) assert.equal(typeof frame.file, 'string');
    for (const key of ['line', 'col']) if (key in frame) assert.ok(Number.isInteger(frame[key]) && frame[key] > 0);
  }
  assert.ok(Array.isArray(file.profiles) && file.profiles.length > 0);
  if ('activeProfileIndex' in file) assert.ok(file.activeProfileIndex < file.profiles.length);
  for (const profile of file.profiles as Json[]) {
    assert.equal(typeof profile.name, 'string');
    assert.ok(UNITS.includes(profile.unit));
    assert.ok(profile.endValue >= profile.startValue);
    const frameIndex = (i: unknown) => assert.ok(Number.isInteger(i) && (i as number) >= 0 && (i as number) < frames.length);
    if (profile.type === 'evented') {
      const stack: number[] = [];
      let last = profile.startValue as number;
      for (const event of profile.events as Json[]) {
        assert.ok(event.type === 'O' || event.type === 'C');
        frameIndex(event.frame);
        assert.ok(event.at >= last && event.at <= profile.endValue, 'events in non-decreasing order');
        last = event.at;
        if (event.type === 'O') stack.push(event.frame);
        else assert.equal(stack.pop(), event.frame, 'a close matches the last open');
      }
      assert.equal(stack.length, 0, 'balanced');
    } else {
      assert.equal(profile.type, 'sampled');
      assert.equal(profile.samples.length, profile.weights.length);
      for (const stack of profile.samples as unknown[][]) stack.forEach(frameIndex);
    }
  }
}

function parse(profile: Profile): Json {
  return JSON.parse(speedscopeExporter.write(profile) as string) as Json;
}

// Self time per frame as speedscope computes it: the time each frame is on top of the stack.
function selfFromEvents(events: Json[]): Map<number, number> {
  const self = new Map<number, number>();
  const stack: number[] = [];
  let last = 0;
  for (const event of events) {
    const top = stack.at(-1);
    if (top !== undefined) self.set(top, (self.get(top) ?? 0) + event.at - last);
    last = event.at;
    if (event.type === 'O') stack.push(event.frame);
    else stack.pop();
  }
  return self;
}

test('speedscope: an evented profile that the schema accepts, with every self time', () => {
  for (const profile of [taylor(), sampledTaylor(), evilProfile()]) {
    const file = parse(profile);
    validate(file);
    const [evented] = file.profiles as Json[];
    assert.equal(evented!.type, 'evented');
    assert.equal(evented!.unit, 'nanoseconds');
    const self = selfFromEvents(evented!.events);
    for (const f of profile.functions) assert.equal(self.get(f.frame) ?? 0, f.self, profile.frames[f.frame]!.name);
  }
});

test('speedscope: frames carry name, file, 1-based line and column; the root is not a frame on any stack', () => {
  const file = parse(taylor());
  assert.deepEqual(file.shared.frames[T.factorial], {
    name: 'factorial',
    file: '/proj/examples/taylor.ts',
    line: 1,
    col: 8,
  });
  assert.ok(!(file.profiles[0].events as Json[]).some((e) => e.frame === T.root));
  assert.equal(file.profiles[0].endValue, 47_470_333);
  assert.equal(file.name, 'examples/taylor.ts');
});

test('speedscope: a profile without a tree becomes a sampled profile of self times', () => {
  const { tree: _tree, ...graphOnly } = taylor();
  const file = parse(graphOnly);
  validate(file);
  const [sampled] = file.profiles as Json[];
  assert.equal(sampled!.type, 'sampled');
  assert.deepEqual(sampled!.samples[sampled!.samples.findIndex((s: number[]) => s[0] === T.factorial)], [T.factorial]);
  assert.equal(
    (sampled!.weights as number[]).reduce((a, b) => a + b, 0),
    47_470_333,
  );
});
