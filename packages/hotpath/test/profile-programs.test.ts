// Sample mode on the shapes of real programs: CommonJS whose work runs while the module
// loads (inside hotpath's require hook), anonymous callbacks, an express server, lodash, and
// TypeScript loaded as CommonJS. Where a bar compares with V8's own profile, the same run
// writes both: `hotpath profile -- --cpu-prof ...` passes the flag to node.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Profile } from '../src/model/profile.js';
import { FIXTURES, functionNamed, hotpath, lineOf, profileTo, tempDir } from './profile-helpers.js';

const PROGRAMS = path.join(FIXTURES, 'programs');

/** Self and total time (µs) per function of a cpuprofile, keyed `name:line` (1-based), read as DevTools does. */
function cpuprofileTimes(file: string, script: string): Map<string, { self: number; total: number }> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
    samples: number[];
    timeDeltas: number[];
  };
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const times = new Map<string, { self: number; total: number }>();
  const keyOf = (id: number): string | null => {
    const frame = byId.get(id)!.callFrame;
    return frame.url.endsWith(script) ? `${frame.functionName}:${frame.lineNumber + 1}` : null;
  };
  profile.samples.forEach((leaf, i) => {
    const micros = profile.timeDeltas[i + 1] ?? 0; // a sample lasts until the next one
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const key = keyOf(id);
      if (key === null || seen.has(key)) continue;
      const entry = times.get(key) ?? { self: 0, total: 0 };
      if (id === leaf) entry.self += micros;
      entry.total += micros;
      seen.add(key);
      times.set(key, entry);
    }
  });
  return times;
}

/** Profiles `script` with node writing its own cpuprofile of the same run; returns both. */
function profileWithCpuProf(script: string): { profile: Profile; v8: Map<string, { self: number; total: number }> } {
  const dir = tempDir();
  const { run, profile } = profileTo('--', [], [`--cpu-prof`, `--cpu-prof-dir=${dir}`, script]);
  assert.equal(run.status, 0, run.stderr);
  // One cpuprofile per thread (the module hooks' thread too): the main thread's has the script.
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(dir, name));
  const main = files.find((file) => fs.readFileSync(file, 'utf8').includes(path.basename(script)));
  assert.ok(main, `no cpuprofile of ${script} in ${files.join(', ')}`);
  return { profile, v8: cpuprofileTimes(main, path.basename(script)) };
}

/** Self and total ns of the function `name` at `line` of `file` in a profile. */
function statsAt(profile: Profile, name: string, file: string, line: number): { self: number; total: number; calls: number | null } {
  const fn = profile.functions.find((f) => {
    const frame = profile.frames[f.frame]!;
    return frame.name === name && frame.file === file && frame.line === line;
  });
  assert.ok(
    fn,
    `no ${name} at ${file}:${line}: ${profile.frames
      .filter((f) => f.file === file)
      .map((f) => `${f.name}:${f.line}`)
      .join(', ')}`,
  );
  return { self: fn.self, total: fn.total, calls: fn.calls };
}

test('CommonJS: a function called at the top level of a .cjs file gets its time, as one called from setImmediate does', () => {
  const { run, profile } = profileTo(path.join(PROGRAMS, 'top-level.cjs'));
  assert.equal(run.status, 0, run.stderr);
  const top = functionNamed(profile, 'atTopLevel').stats;
  const later = functionNamed(profile, 'fromImmediate').stats;
  const spin = functionNamed(profile, 'spin').stats;
  assert.equal(top.calls, 5);
  assert.equal(spin.calls, 10);
  // The same work each: neither may lose its share (before, the top-level half got 0).
  const share = top.total / (top.total + later.total);
  assert.ok(share > 0.2 && share < 0.8, `top-level share ${share.toFixed(2)} (${top.total} ns against ${later.total} ns)`);
  assert.ok(!run.stderr.includes('warning'), run.stderr);
});

test("a .cjs script's hot functions hold what node --cpu-prof gives them on the same run, in the same order", () => {
  const script = path.join(PROGRAMS, 'hot.cjs');
  const { profile, v8 } = profileWithCpuProf(script);
  const names = ['heavy', 'medium', 'light'];
  const ours = (name: string): number => functionNamed(profile, name).stats.self / 1000;
  const theirs = (name: string): number => v8.get(`${name}:${lineOf(script, `function ${name}(`)}`)!.self;
  // Two samplers of one run: each charges a pause of the process (a busy machine) to whatever
  // it sampled last, so single functions may differ by a pause or two; together they may not.
  const sum = (f: (name: string) => number): number => names.reduce((total, name) => total + f(name), 0);
  assert.ok(sum(ours) >= 0.8 * sum(theirs), `${sum(ours).toFixed(0)} us against node's ${sum(theirs).toFixed(0)} us`);
  for (const name of names) assert.ok(ours(name) >= 0.5 * theirs(name), `${name}: ${ours(name).toFixed(0)} us against node's ${theirs(name).toFixed(0)} us`);
  // The top functions by self time, in the order of their work (4 : 2 : 1).
  assert.deepEqual(
    [...names].sort((a, b) => ours(b) - ours(a)),
    names,
  );
  const top = profile.functions.filter((fn) => profile.frames[fn.frame]!.category === 'user').sort((a, b) => b.self - a.self);
  assert.deepEqual(
    top.slice(0, 3).map((fn) => profile.frames[fn.frame]!.name),
    names,
  );
});

test('anonymous callbacks get their own rows with their time, at the lines trace mode gives them', () => {
  const script = path.join(PROGRAMS, 'callbacks.cjs');
  const { profile } = profileTo(script);
  const forEach = statsAt(profile, '(anonymous)', script, lineOf(script, 'weights.forEach('));
  const executor = statsAt(profile, '(anonymous)', script, lineOf(script, 'new Promise('));
  const timer = statsAt(profile, '(anonymous)', script, lineOf(script, 'setTimeout(function'));
  assert.equal(forEach.calls, 4);
  assert.equal(executor.calls, 1);
  assert.equal(timer.calls, 1);
  const module = functionNamed(profile, '<module>').stats;
  for (const [what, stats] of [
    ['forEach callback', forEach],
    ['promise executor', executor],
    ['timer', timer],
  ] as const) {
    // Before, <module> had all of it and the callbacks none.
    assert.ok(stats.self > module.self, `${what}: ${stats.self} ns, <module> ${module.self} ns`);
  }
  // A class's field initialiser (V8's own function, which no counter knows) is at the class's line.
  const init = profile.frames.find((frame) => frame.name === '<instance_members_initializer>');
  assert.equal(init?.line, lineOf(script, 'class Grid'));
  // Every function that ran is at the same file:line in both modes.
  const traced = profileTo(script, ['--mode', 'trace']).profile;
  const rows = (p: Profile): string[] =>
    p.functions
      .filter((fn) => (fn.calls ?? 0) > 0 && p.frames[fn.frame]!.category === 'user')
      .map((fn) => `${p.frames[fn.frame]!.name} ${p.frames[fn.frame]!.line}`)
      .filter((row) => !row.startsWith('<module>'))
      .sort();
  assert.deepEqual(rows(profile), rows(traced));
});

test('express under load: the route handler (an arrow function) holds its 100 calls and the time, not <module>', () => {
  const script = path.join(PROGRAMS, 'express-server.cjs');
  const { run, profile } = profileTo(script);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'served 100\n');
  const handler = statsAt(profile, '(anonymous)', script, lineOf(script, "app.get('/work'"));
  assert.equal(handler.calls, 100);
  const module = functionNamed(profile, '<module>').stats;
  assert.ok(handler.self > 2 * module.self, `handler ${handler.self} ns, <module> ${module.self} ns`);
});

test("lodash from a .cjs script: the program's functions keep the time node --cpu-prof gives them, lodash's included", () => {
  const script = path.join(PROGRAMS, 'lodash-work.cjs');
  const { profile, v8 } = profileWithCpuProf(script);
  // The whole run is under the module's top level, in both profiles.
  const module = functionNamed(profile, '<module>').stats.total / 1000;
  assert.ok(module >= 0.8 * v8.get(':1')!.total, `<module>: ${module.toFixed(0)} us against node's ${v8.get(':1')!.total.toFixed(0)} us`);
  const names = ['records', 'summarise'];
  const ours = names.reduce((sum, name) => sum + functionNamed(profile, name).stats.total / 1000, 0);
  const theirs = names.reduce((sum, name) => sum + v8.get(`${name}:${lineOf(script, `function ${name}(`)}`)!.total, 0);
  assert.ok(ours >= 0.8 * theirs, `records + summarise: ${ours.toFixed(0)} us against node's ${theirs.toFixed(0)} us`);
  const lodash = profile.functions.filter((fn) => profile.frames[fn.frame]!.file.includes(`${path.sep}lodash${path.sep}`));
  assert.ok(lodash.reduce((sum, fn) => sum + fn.self, 0) > 0, 'no time in lodash');
});

test('TypeScript in a package with no "type" (loaded as CommonJS) keeps its top-level time', () => {
  const script = path.join(PROGRAMS, 'cjs-ts', 'main.ts');
  const { profile, v8 } = profileWithCpuProf(script);
  const ours = functionNamed(profile, 'work').stats;
  assert.equal(ours.calls, 3);
  const module = functionNamed(profile, '<module>').stats.total / 1000;
  assert.ok(module >= 0.8 * v8.get(':1')!.total, `<module>: ${module.toFixed(0)} us against node's ${v8.get(':1')!.total.toFixed(0)} us`);
  const theirs = v8.get(`work:${lineOf(script, 'function work(')}`)!.self;
  assert.ok(ours.self / 1000 >= 0.5 * theirs, `work: ${ours.self / 1000} us against node's ${theirs} us`);
});

test('hotpath lines --mode sample charges ticks to a function called at the top level of a .cjs file', () => {
  const script = path.join(PROGRAMS, 'top-level.cjs');
  const run = hotpath(['lines', '-f', 'atTopLevel', script]);
  assert.equal(run.status, 0, run.stderr);
  const ticks = Number(/Note: atTopLevel: (\d+) ticks/.exec(run.stdout)?.[1]);
  assert.ok(ticks > 0, run.stdout);
  const row = run.stdout.split('\n').find((line) => line.endsWith('return spin(2e6);'));
  assert.match(row ?? '', /^\s+\d+\s+5\s+[\d.]+\s/);
});

test("a package's TypeScript that only its source maps carry (sourcesContent) shows in the line table", async () => {
  const ts = (await import('typescript')).default;
  const dir = tempDir();
  const pkg = path.join(dir, 'node_modules', 'grid');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  const source = [
    'export class Grid {',
    '  cells: number[] = [];',
    '  constructor(size: number) {',
    '    for (let i = 0; i < size; i++) this.cells.push(i);',
    '  }',
    '  sum(times: number): number {',
    '    let total = 0;',
    '    for (let t = 0; t < times; t++) for (const c of this.cells) total += Math.sqrt(c);',
    '    return total;',
    '  }',
    '}',
    '',
  ].join('\n');
  // As tsc --sourceMap --inlineSources publishes it: dist/grid.js and its map, no src/grid.ts.
  const out = ts.transpileModule(source, {
    fileName: path.join(pkg, 'src', 'grid.ts'),
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true, inlineSources: true },
  });
  const map = JSON.parse(out.sourceMapText!) as { sources: string[] };
  map.sources = ['../src/grid.ts'];
  fs.writeFileSync(path.join(pkg, 'dist', 'grid.js'), out.outputText.replace(/\/\/# sourceMappingURL=.*/, '//# sourceMappingURL=grid.js.map'));
  fs.writeFileSync(path.join(pkg, 'dist', 'grid.js.map'), JSON.stringify(map));
  fs.writeFileSync(path.join(pkg, 'package.json'), '{ "name": "grid", "main": "dist/grid.js" }');
  fs.writeFileSync(path.join(dir, 'main.cjs'), "const { Grid } = require('grid');\nconsole.log(new Grid(100).sum(2000) > 0);\n");
  for (const mode of ['sample', 'trace']) {
    const run = hotpath(['lines', '--mode', mode, '-f', 'sum', '--trace-node-modules', 'main.cjs'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /File: node_modules\/grid\/src\/grid\.ts\n/);
    assert.match(run.stdout, /^\s+8\s+\d+\s.*  {4}for \(let t = 0; t < times; t\+\+\) for \(const c of this\.cells\) total \+= Math\.sqrt\(c\);$/m, run.stdout);
  }
});
