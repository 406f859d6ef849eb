// The source maps of inserted text (src/capture/edit-map.ts), read back with a source-map
// library: every token of the rewritten code at its original line and column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import * as acorn from 'acorn';
import { applyTextInsertions, insertionMap, type TextInsertion } from '../src/capture/edit-map.js';

const FILE = '/proj/app.js';

/** Each token of `code` with its line (1-based) and column (0-based). */
function tokens(code: string): Array<{ text: string; line: number; column: number }> {
  return [...acorn.tokenizer(code, { ecmaVersion: 'latest', locations: true })].map((t) => ({
    text: code.slice(t.start, t.end),
    line: t.loc!.start.line,
    column: t.loc!.start.column,
  }));
}

test('every token of code with text inserted maps to where it was', () => {
  const source = 'function add(a, b) {\r\n  return a + b;\n}\n\nconst total = [1, 2].reduce((s, x) => add(s, x), 0);\n';
  const insertions: TextInsertion[] = [
    { at: source.indexOf('{') + 1, text: ';count[1]++;' },
    { at: source.indexOf('add(s'), text: '(count[2]++,' },
    { at: source.indexOf(', 0)'), text: ')' },
    { at: source.indexOf(', 0)'), text: '/*two at one offset*/' },
    { at: source.length, text: '//end' },
  ];
  const code = applyTextInsertions(source, insertions);
  const map = new TraceMap(insertionMap(source, insertions, { file: FILE, lines: 'all' }));
  const before = tokens(source);
  // The original's tokens (the inserted ones are `count`, brackets and digits of their own).
  const originals = new Set(['function', 'add', 'a', 'b', 'return', 'const', 'total', 'reduce', 's', 'x', '0', '=>', '+']);
  const moved = tokens(code).filter((t) => originals.has(t.text));
  assert.equal(moved.length, before.filter((t) => originals.has(t.text)).length);
  for (const token of moved) {
    const found = originalPositionFor(map, { line: token.line, column: token.column });
    assert.equal(found.source, FILE);
    const original = before.find((b) => b.text === token.text && b.line === found.line && b.column === found.column);
    assert.ok(original, `${token.text} at ${token.line}:${token.column} maps to ${found.line}:${found.column}, where no ${token.text} was`);
  }
});

test("'changed' maps only the lines that got text, and those exactly", () => {
  const source = 'const a = 1;\nfunction f() { return a; }\nconst b = 2;\n';
  const at = source.indexOf('{') + 1;
  const insertions = [{ at, text: ';count[1]++;' }];
  const code = applyTextInsertions(source, insertions);
  const raw = insertionMap(source, insertions, { file: FILE, lines: 'changed' });
  assert.deepEqual(
    raw.mappings.split(';').map((line) => line !== ''),
    [false, true, false, false],
  );
  const map = new TraceMap(raw);
  const line2 = code.split('\n')[1]!;
  const found = originalPositionFor(map, { line: 2, column: line2.indexOf('return') });
  assert.deepEqual([found.line, found.column], [2, source.split('\n')[1]!.indexOf('return')]);
});

test('code without insertions gets a map of itself', () => {
  const source = 'let x = 1;\nx += 2;\n';
  const map = new TraceMap(insertionMap(source, [], { file: FILE, lines: 'all' }));
  for (const token of tokens(source)) {
    const found = originalPositionFor(map, { line: token.line, column: token.column });
    assert.deepEqual([found.line, found.column], [token.line, token.column], token.text);
  }
});
