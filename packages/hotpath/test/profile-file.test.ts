// The profile file: round trips, atomic writes, and every way a file can be unusable.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadProfile, loadProfileSync, parseProfile, ProfileFileError, saveProfile, saveProfileSync, serializeProfile, type ProfileFileErrorKind } from '../src/model/file.js';
import type { Profile } from '../src/model/profile.js';
import { internalsProfile, taylorProfile } from './fixtures.js';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-file-'));
}

test('a saved profile loads back equal, async and sync', async () => {
  const dir = tempDir();
  const profile: Profile = { ...taylorProfile(), lines: [{ frame: 4, line: 2, hits: 188000, time: 47_000_000 }] };
  await saveProfile(path.join(dir, 'a.json'), profile);
  assert.deepEqual(await loadProfile(path.join(dir, 'a.json')), profile);
  saveProfileSync(path.join(dir, 'b.json'), internalsProfile());
  assert.deepEqual(loadProfileSync(path.join(dir, 'b.json')), internalsProfile());
});

test('the file starts with the format marker and version, so a cut file still says what it was', () => {
  assert.match(serializeProfile(taylorProfile()), /^\{"format":"hotpath-profile","version":1,"unit":"ns",/);
});

test('saving leaves no temporary file behind and replaces an existing file', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'prof.json');
  fs.writeFileSync(file, 'old');
  await saveProfile(file, taylorProfile());
  saveProfileSync(file, taylorProfile());
  assert.deepEqual(fs.readdirSync(dir), ['prof.json']);
  assert.deepEqual(loadProfileSync(file), taylorProfile());
});

test('a profile that cannot be serialised leaves the existing file untouched', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'prof.json');
  fs.writeFileSync(file, 'previous contents');
  const bad = { ...taylorProfile(), extra: 1n } as unknown as Profile; // JSON cannot hold a BigInt
  await assert.rejects(saveProfile(file, bad), TypeError);
  assert.throws(() => saveProfileSync(file, bad), TypeError);
  assert.equal(fs.readFileSync(file, 'utf8'), 'previous contents');
  assert.deepEqual(fs.readdirSync(dir), ['prof.json']);
});

test('a failed write (no such directory) throws and leaves nothing behind', async () => {
  const dir = tempDir();
  await assert.rejects(saveProfile(path.join(dir, 'missing', 'p.json'), taylorProfile()), { code: 'ENOENT' });
  assert.deepEqual(fs.readdirSync(dir), []);
});

function assertFileError(fn: () => unknown, kind: ProfileFileErrorKind, message: string | RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ProfileFileError, String(error));
    assert.equal(error.kind, kind);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

test('text that is not JSON, or JSON of something else, is not a hotpath profile', () => {
  assertFileError(() => parseProfile('hello', 'x.txt'), 'not-a-profile', 'x.txt is not a hotpath profile');
  assertFileError(() => parseProfile('{"nodes": []}', 'x.cpuprofile'), 'not-a-profile', 'x.cpuprofile is not a hotpath profile');
  assertFileError(() => parseProfile('[1, 2]', 'x.json'), 'not-a-profile', 'x.json is not a hotpath profile');
});

test('a profile cut short, or an empty file, is truncated or corrupt', () => {
  const text = serializeProfile(taylorProfile());
  assertFileError(() => parseProfile(text.slice(0, text.length / 2), 'p.json'), 'corrupt', 'p.json is truncated or corrupt');
  assertFileError(() => parseProfile('', 'p.json'), 'corrupt', 'p.json is truncated or corrupt (the file is empty)');
});

test('a profile of a newer format version is refused by name', () => {
  const text = serializeProfile(taylorProfile()).replace('"version":1', '"version":7');
  assertFileError(() => parseProfile(text, 'new.json'), 'newer-version', 'new.json was written by a newer hotpath (format version 7; this one reads up to 1)');
});

test('a structurally invalid profile names the first bad field', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed file, broken field by field
  type Json = Record<string, any>;
  const broken = (edit: (p: Json) => void): string => {
    const data = JSON.parse(serializeProfile(taylorProfile()));
    edit(data);
    return JSON.stringify(data);
  };
  const cases: Array<[(p: Json) => void, string]> = [
    [(p) => (p.version = 'one'), 'version must be a positive integer'],
    [(p) => delete p.meta, 'meta must be an object'],
    [(p) => (p.meta.mode = 'guess'), 'meta.mode must be one of "sample", "trace", "imported"'],
    [(p) => (p.meta.exactness.calls = 'maybe'), 'meta.exactness.calls must be one of "exact", "estimated", "none"'],
    [(p) => (p.frames[2].line = -1), 'frames[2].line must be an integer from 0 to 2147483647'],
    [(p) => (p.functions[1].calls = '12'), 'functions[1].calls must be an integer from 0 to 9007199254740991 or null'],
    [(p) => (p.edges[0].callee = 99), 'edges[0].callee must be a frame index below 5'],
    [(p) => (p.tree[3].parent = 5), 'tree[3].parent must be the id of an earlier node'],
    [(p) => (p.unit = 'ms'), 'unit must be one of "ns", "bytes", "count", "samples"'],
    [(p) => (p.functions[0].self = 1e308), 'functions[0].self must be a number of ns from 0 to 9007199254740991'],
    [(p) => (p.tree[2].self = -1), 'tree[2].self must be a number of ns from 0 to 9007199254740991'],
    [(p) => (p.meta.interval = 0), 'meta.interval must be a number of ns from 1 to 9007199254740991, or null'],
    [(p) => (p.frames[1].endLine = 0), 'frames[1].endLine must be a line from its line (17) to 1000017'],
    [(p) => p.functions.push({ ...p.functions[0] }), 'functions[4] must be listed once (an earlier entry has the same frame)'],
    [(p) => p.edges.push({ ...p.edges[1] }), `edges[5] must be listed once (an earlier entry has the same caller and callee)`],
    [(p) => (p.tree[0].parent = 0), 'tree[0].parent must be -1 for the root'],
    [(p) => (p.tree[4].parent = 4), 'tree[4].parent must be the id of an earlier node'],
    [(p) => (p.lines = [{ frame: 1, line: 2e9, hits: 1, time: 1 }]), "lines[0].line must be within 1000000 lines of its function's line (17)"],
  ];
  for (const [edit, why] of cases) {
    assertFileError(() => parseProfile(broken(edit), 'bad.json'), 'invalid', `bad.json is not a valid hotpath profile: ${why}`);
  }
});

test('a negative zero reads as 0, so no -0 reaches a table or a writer', () => {
  const text = serializeProfile(taylorProfile())
    .replace(/"self":0\b/g, '"self":-0')
    .replace('"column":1', '"column":-0');
  assert.match(text, /"self":-0/);
  const profile = parseProfile(text, 'zero.json');
  const all = [...profile.functions, ...profile.edges, ...profile.tree!];
  assert.ok(all.every((item) => !Object.is(item.self, -0)));
  assert.ok(profile.frames.every((frame) => !Object.is(frame.column, -0)));
});

test('a missing file or a directory is named in the error', async () => {
  const dir = tempDir();
  const missing = path.join(dir, 'nope.json');
  await assert.rejects(loadProfile(missing), { name: 'ProfileFileError', kind: 'unreadable', message: `${missing} does not exist` });
  assertFileError(() => loadProfileSync(dir), 'unreadable', `${dir} is a directory, not a profile`);
});
