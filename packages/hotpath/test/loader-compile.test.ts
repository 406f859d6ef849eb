// What the loader makes of a TypeScript file (runner/compile.ts): blanked in place where
// that is tsc's JavaScript, compiled with a source map where it is not, following the
// nearest tsconfig.json and its extends chain; and where its cache lives.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { javaScriptOf } from '../src/runner/compile.js';
import { cacheDirectory, safeCacheDirectory, writeCache } from '../src/runner/loader-cache.js';

// The loader cache of these tests: their own, and the one the prune test looks at.
const CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-home-'));
process.env['XDG_CACHE_HOME'] = CACHE_HOME;

/** A fresh directory holding `files` (name -> contents). */
function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-compile-test-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const MAP = /\/\/# sourceMappingURL=data:application\/json/;
const FIELDS = 'class A {\n  x: number;\n  y = 1;\n}\nexport const a: A = new A();\n';

test('type-only code is blanked in place: same length, same lines, no source map', () => {
  const dir = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2022", "verbatimModuleSyntax": true } }' });
  const source = 'import type { T } from "./t.js";\nexport function f(a: number, b?: T): number {\n  return a as number;\n}\n';
  const code = javaScriptOf(source, path.join(dir, 'f.ts'), 'module');
  assert.equal(code.length, source.length);
  assert.doesNotMatch(code, MAP);
  assert.match(code, /^export function f\(a {8}, b {4}\) {9}\{$/m);
});

test('declared fields follow useDefineForClassFields: defined (`x;`) at ES2022, gone below it (tsc`s default), through extends', () => {
  const define = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2022", "verbatimModuleSyntax": true } }' });
  const defined = javaScriptOf(FIELDS, path.join(define, 'a.ts'), 'module');
  assert.match(defined, /^ {2}x {8};$/m);
  assert.doesNotMatch(defined, MAP);

  const legacy = project({ 'base.json': '{ "compilerOptions": { "target": "ES2020" } }', 'tsconfig.json': '{ "extends": "./base.json" }' });
  const assigned = javaScriptOf(FIELDS, path.join(legacy, 'a.ts'), 'module');
  assert.doesNotMatch(assigned, /^\s*x\s*;?\s*$/m, 'the declared-only field must vanish');
  assert.match(assigned, /this\.y = 1;/);
  assert.match(assigned, MAP);
});

test('an import used only as a type is dropped as tsc drops it (no verbatimModuleSyntax)', () => {
  const dir = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2022" } }' });
  const code = javaScriptOf('import { Shape, UNIT } from "./shape.js";\nexport const s: Shape = { n: UNIT };\n', path.join(dir, 's.ts'), 'module');
  assert.match(code, /^import \{ UNIT \} from "\.\/shape\.js";$/m);
  const kept = javaScriptOf('import { UNIT } from "./shape.js";\nexport const n: number = UNIT;\n', path.join(dir, 'k.ts'), 'module');
  assert.doesNotMatch(kept, MAP, 'every import is a value: blanking is exact');
});

test('ES module syntax in a CommonJS file becomes require() and exports, with a map', () => {
  const dir = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2022", "module": "CommonJS", "verbatimModuleSyntax": false } }' });
  const code = javaScriptOf('import { twice } from "./twice";\nexport const four: number = twice(2);\n', path.join(dir, 'm.ts'), 'commonjs');
  assert.match(code, /require\("\.\/twice"\)/);
  assert.match(code, /exports\.four = /);
  assert.match(code, MAP);
});

test('the source map names the .ts file and maps a function back to its line', () => {
  const dir = project({});
  const code = javaScriptOf('enum E {\n  A,\n}\n\nfunction f(): E {\n  return E.A;\n}\nf();\n', path.join(dir, 'e.ts'), 'module');
  const base64 = /base64,([A-Za-z0-9+/=]+)\s*$/.exec(code)![1]!;
  const map = JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as { sources: string[] };
  assert.deepEqual(map.sources, ['e.ts']);
});

test('a syntax error is one line naming the file, line and column', () => {
  const dir = project({});
  const file = path.join(dir, 'bad.tsx');
  assert.throws(
    () => javaScriptOf('const a = 1;\nconst b = <div>;\n', file, 'module'),
    (error: Error) => {
      assert.ok(error instanceof SyntaxError);
      assert.match(error.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: `));
      assert.doesNotMatch(error.message, /\n/);
      return true;
    },
  );
});

test('the cache lives in a directory only its user can write, and a shared one is refused', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-cache-test-'));
  const dir = safeCacheDirectory(base)!;
  assert.ok(dir.startsWith(path.join(base, 'hotpath')));
  assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  fs.chmodSync(dir, 0o777);
  assert.equal(safeCacheDirectory(base), null);
});

test('cache entries older than 30 days are removed when the cache is next written (once a day)', () => {
  const dir = cacheDirectory()!;
  assert.ok(dir.startsWith(CACHE_HOME), dir);
  const old = path.join(dir, 'js-old');
  fs.writeFileSync(old, 'stale');
  const longAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
  fs.utimesSync(old, longAgo, longAgo);
  // The earlier tests' writes pruned today already: make that a day ago.
  const marker = path.join(dir, '.pruned');
  if (fs.existsSync(marker)) fs.utimesSync(marker, longAgo, longAgo);
  writeCache('js-new', 'fresh');
  assert.equal(fs.existsSync(old), false);
  assert.equal(fs.readFileSync(path.join(dir, 'js-new'), 'utf8'), 'fresh');
});

test('a tsconfig.json that is not JSON is one error naming it; an unknown option is ignored', () => {
  const broken = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2022" } oops }' });
  assert.throws(
    () => javaScriptOf('export const a: number = 1;\n', path.join(broken, 'a.ts'), 'module'),
    (error: Error) => {
      assert.match(error.message, new RegExp(`^${path.join(broken, 'tsconfig.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: `));
      return true;
    },
  );
  const unknown = project({ 'tsconfig.json': '{ "compilerOptions": { "target": "ES2099", "fancyNewOption": true, "verbatimModuleSyntax": true } }' });
  assert.equal(javaScriptOf('export const a: number = 1;\n', path.join(unknown, 'a.ts'), 'module'), 'export const a         = 1;\n');
});
