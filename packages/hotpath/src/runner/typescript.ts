/**
 * TypeScript for the runner: types are blanked in place with ts-blank-space, so every
 * line and column of the code V8 runs is the line and column of the .ts file. That is why
 * hotpath does not use tsx (esbuild squeezes a module onto one line: every line tick lands
 * on line 2) and needs no source map for .ts files.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { VERSION } from '../version.js';

type Blank = (source: string, onError?: (node: { kind: number; pos: number }) => void) => string;

const require = createRequire(import.meta.url);
let blanker: { blank: Blank; kindName: (kind: number) => string } | null = null;

// Loaded on the first .ts file only: typescript's parser takes ~0.5 s to load, which a
// plain JavaScript program should not pay.
function loadBlanker(): NonNullable<typeof blanker> {
  if (!blanker) {
    const blank = (require('ts-blank-space') as { default: Blank }).default;
    const ts = require('typescript') as { SyntaxKind: Record<number, string> };
    blanker = { blank, kindName: (kind) => ts.SyntaxKind[kind] ?? String(kind) };
  }
  return blanker;
}

/** Whether a file is TypeScript source the loader must strip (`.ts`, `.mts`, `.cts`; not `.d.ts`). */
export function isTypeScript(file: string): boolean {
  return /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file);
}

/** TypeScript that type-blanking cannot turn into JavaScript, with where it is. */
export class UnsupportedTypeScriptError extends SyntaxError {
  constructor(file: string, line: number, column: number, what: string) {
    super(
      `${file}:${line}:${column}: ${what} is not supported by hotpath's TypeScript loader, ` +
        'which erases types in place to keep line numbers (enums, namespaces and parameter ' +
        'properties need code generated for them): rewrite it, or compile with tsc and profile the output',
    );
    this.name = 'UnsupportedTypeScriptError';
  }
}

const CACHE_DIR = path.join(tmpdir(), 'hotpath-ts-cache');

/**
 * The JavaScript of a TypeScript source: types replaced by spaces, positions unchanged.
 * Results are cached on disk by content, so an unchanged program does not load the
 * TypeScript parser again (it takes 0.5 to 2 s to load on this kind of machine).
 * @throws {@link UnsupportedTypeScriptError} for syntax that needs code generation (enums, ...).
 */
export function blankTypeScript(source: string, file: string): string {
  const key = createHash('sha256').update(`${VERSION}\0${source}`).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const code = blankUncached(source, file);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, code);
    renameSync(temp, cached); // atomic: a concurrent reader sees all of it or nothing
  } catch {
    // a read-only or full temp dir only costs speed
  }
  return code;
}

function blankUncached(source: string, file: string): string {
  const { blank, kindName } = loadBlanker();
  let failure: { kind: number; pos: number } | null = null;
  const code = blank(source, (node) => {
    failure ??= node;
  });
  if (failure) {
    const { kind, pos } = failure;
    const start = pos + (/^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(source.slice(pos))?.[0].length ?? 0);
    const before = source.slice(0, start).split(/\r\n|[\n\r\u2028\u2029]/);
    throw new UnsupportedTypeScriptError(file, before.length, before.at(-1)!.length + 1, describe(kindName(kind)));
  }
  return code;
}

function describe(kind: string): string {
  if (kind === 'EnumDeclaration') return 'an enum';
  if (kind === 'ModuleDeclaration') return 'a namespace';
  if (/^(Public|Private|Protected|Readonly|Override)Keyword$/.test(kind)) return 'a parameter property';
  if (kind === 'ImportEqualsDeclaration') return '`import x = require()`';
  if (kind === 'ExportAssignment') return '`export =`';
  if (kind === 'TypeAssertionExpression') return 'an angle-bracket type assertion (write `x as T`)';
  return `this syntax (${kind})`;
}

const packageTypes = new Map<string, 'module' | 'commonjs'>();

/**
 * How Node loads a file, TypeScript counted as JavaScript: `.mjs`/`.mts` are ES modules,
 * `.cjs`/`.cts` CommonJS, and `.js`/`.ts` follow the nearest package.json's `"type"`.
 */
export function moduleFormat(file: string): 'module' | 'commonjs' {
  if (/\.m[jt]s$/.test(file)) return 'module';
  if (/\.c[jt]s$/.test(file)) return 'commonjs';
  return packageType(path.dirname(file));
}

function packageType(dir: string): 'module' | 'commonjs' {
  const known = packageTypes.get(dir);
  if (known) return known;
  let type: 'module' | 'commonjs';
  try {
    const json = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { type?: unknown };
    type = json.type === 'module' ? 'module' : 'commonjs';
  } catch {
    const parent = path.dirname(dir);
    type = parent === dir ? 'commonjs' : packageType(parent);
  }
  packageTypes.set(dir, type);
  return type;
}
