// The TypeScript corpus (fixtures/loader/): enums, const enums, namespaces, parameter
// properties, both decorator kinds, TSX, `import =`/`export =`, tsconfig paths, packages
// with and without "type". Each program prints what tsx prints and exits as it does, and
// every mode puts each function, and each line's hits, on the TypeScript line.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { hitLines, linesIn, PROFILE_MODES, profileIn, reference, whereIs } from './loader-helpers.js';
import { FIXTURES, lineOf } from './profile-helpers.js';

interface Program {
  /** Directory under fixtures/loader, and the script in it. */
  dir: string;
  script: string;
  /** Functions and the text of their first line: `[name, file, text]`. */
  functions: [string, string, string][];
  /** `hotpath lines -f` targets, and the lines they must hit: `[file, text, hits]`. */
  lines: { targets: string[]; hits: [string, string, number][] };
}

const PROGRAMS: Program[] = [
  {
    dir: 'enums',
    script: 'main.ts',
    functions: [
      ['area', 'main.ts', 'export function area('],
      ['Point.area', 'main.ts', '  area(): number {'],
      ['Point.constructor', 'main.ts', '  constructor('],
      ['Bare.constructor', 'main.ts', '  constructor() {'],
    ],
    lines: {
      targets: ['area', 'Point.area'],
      hits: [
        ['main.ts', 'const squared = r * r;', 20000],
        ['main.ts', 'return Math.PI * squared;', 20000],
        ['main.ts', 'const product = this.x * this.y;', 20000],
        ['main.ts', 'return Math.abs(product) * UNIT;', 20000],
      ],
    },
  },
  {
    dir: 'decorators-legacy',
    script: 'main.ts',
    functions: [
      ['Service.compute', 'main.ts', '  compute(n: number): number {'],
      ['logged', 'logged.ts', 'export function logged('],
      ['descriptor.value', 'logged.ts', 'descriptor.value = function'],
    ],
    lines: {
      targets: ['Service.compute'],
      hits: [
        ['main.ts', 'const scaled =', 20000],
        ['main.ts', 'return scaled % 11;', 20000],
      ],
    },
  },
  {
    dir: 'decorators-standard',
    script: 'main.ts',
    functions: [
      ['Scorer.score', 'main.ts', '  score(n: number): number {'],
      ['tagged', 'main.ts', 'function tagged<'],
      ['counted', 'main.ts', 'function counted<'],
    ],
    lines: {
      targets: ['Scorer.score'],
      hits: [
        ['main.ts', 'const weighted =', 20000],
        ['main.ts', 'return weighted % 13;', 20000],
      ],
    },
  },
  {
    dir: 'tsx',
    script: 'main.tsx',
    functions: [
      ['Item', 'main.tsx', 'function Item('],
      ['List', 'main.tsx', 'function List('],
      ['h', 'jsx.ts', 'export function h('],
    ],
    lines: {
      targets: ['Item'],
      hits: [
        ['main.tsx', 'const label =', 20002],
        ['main.tsx', 'return <li>', 20002],
      ],
    },
  },
  {
    dir: 'import-equals',
    script: 'main.cts',
    functions: [['cube', 'helper.cts', 'function cube(']],
    lines: {
      targets: ['cube'],
      hits: [
        ['helper.cts', 'const squared =', 20000],
        ['helper.cts', 'return squared * n;', 20000],
      ],
    },
  },
  {
    dir: 'paths/src',
    script: 'main.ts',
    functions: [
      ['sum', 'lib/math.ts', 'export function sum('],
      ['quickSort', 'sorts/quick_sort.ts', 'export function quickSort('],
      ['label', 'util/index.ts', 'export function label('],
      ['exports.twice', 'twice.cjs', 'exports.twice'],
    ],
    lines: {
      targets: ['sum'],
      hits: [
        ['lib/math.ts', 'let total = 0;', 300],
        ['lib/math.ts', 'for (const value of values)', 12000],
        ['lib/math.ts', 'return total;', 300],
      ],
    },
  },
  {
    dir: 'esm-layout',
    script: 'main.ts',
    functions: [
      ['mean', 'lib/index.ts', 'export function mean('],
      ['bubbleSort', 'sorts/bubble.mts', 'export function bubbleSort('],
      ['half', 'half.mjs', 'export const half'],
      ['View', 'view.jsx', 'export function View('],
      ['module.exports.negate', 'legacy.cjs', 'negate'],
      ['clamp', 'clamp.cts', 'export function clamp('],
    ],
    lines: {
      targets: ['mean'],
      hits: [
        ['lib/index.ts', 'const total =', 300],
        ['lib/index.ts', 'return total / values.length;', 300],
      ],
    },
  },
];

for (const program of PROGRAMS) {
  const dir = path.join(FIXTURES, 'loader', program.dir);
  const at = (file: string, text: string): string => `${file}:${lineOf(path.join(dir, file), text)}`;

  test(`${program.dir}: output as under tsx/node, functions and line hits on the source lines in every mode`, () => {
    const expected = reference(program.script, dir);
    assert.equal(expected.status, 0, expected.stderr);
    for (const mode of PROFILE_MODES) {
      const { run, profile } = profileIn(dir, program.script, mode);
      assert.equal(run.status, expected.status, `${mode}: ${run.stderr}`);
      assert.equal(run.stdout.slice(0, expected.stdout.length), expected.stdout, mode);
      assert.equal(run.stderr, '', mode);
      for (const [name, file, text] of program.functions) assert.deepEqual(whereIs(profile, name, dir), [at(file, text)], `${mode}: ${name}`);
    }
    const hits = program.lines.hits.map(([file, text, count]) => `${at(file, text)}=${count}`);
    for (const mode of ['sample', 'trace'] as const) {
      const { run, profile } = linesIn(dir, program.script, mode, program.lines.targets);
      assert.equal(run.status, expected.status, `lines ${mode}: ${run.stderr}`);
      assert.equal(run.stdout.slice(0, expected.stdout.length), expected.stdout, `lines ${mode}`);
      assert.deepEqual(hitLines(profile, dir), hits, `lines ${mode}`);
    }
  });
}

test('sampled line times of compiled TypeScript land on its lines (hotpath lines, sample mode)', () => {
  const dir = path.join(FIXTURES, 'loader/hot');
  const loop = lineOf(path.join(dir, 'main.ts'), 'for (let i = 0; i < n; i++)');
  const { run, profile } = linesIn(dir, 'main.ts', 'sample', ['Worker.spin']);
  assert.equal(run.status, 0, run.stderr);
  const lines = profile.lines!;
  const total = lines.reduce((sum, l) => sum + l.time, 0);
  assert.ok(total > 0, 'no sampled time on any line');
  assert.ok(lines.find((l) => l.line === loop)!.time >= 0.9 * total, `the loop's line ${loop} holds most of the time`);
});
