// The page linker: what it links (named imports and exports, renames, namespaces) and what it
// refuses, each time naming the module; and the real page script parses as one classic script.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as vm from 'node:vm';
import { BundleError, bundleModules } from '../src/view/bundle.js';
import { reportScript } from '../src/view/report.js';

function modules(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotpath-bundle-'));
  for (const [name, code] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), code);
  return path.join(dir, 'main.js');
}

test("linked modules run in dependency order and see each other's exports", () => {
  const entry = modules({
    'main.js': "import { twice, base as b } from './math.js';\nimport * as words from './words.js';\nimport './side.js';\nglobalThis.out.push(words.say(twice(b)));\n",
    'math.js': "import { say } from './words.js';\nexport const base = 21;\nexport function twice(n) { return n * 2; }\nconst hidden = say;\nexport { hidden as alias };\n",
    'words.js': 'export function say(n) { return `n=${n}`; }\nexport class Box {}\n//# sourceMappingURL=words.js.map\n',
    'side.js': "globalThis.out.push('side');\nexport {};\n",
  });
  const script = bundleModules(entry);
  assert.ok(!script.includes('sourceMappingURL'));
  const context = { out: [] as string[] };
  vm.runInNewContext(script, context);
  assert.deepEqual(context.out, ['side', 'n=42']);
  // words.js runs once, before math.js, although two modules import it.
  assert.ok(script.indexOf('__modules["words.js"] =') < script.indexOf('__modules["math.js"] ='));
  assert.equal(script.match(/__modules\["words\.js"\] =/g)!.length, 1);
});

test('the linker refuses what it cannot link faithfully, naming the module', () => {
  const refuse = (files: Record<string, string>, message: RegExp): void =>
    assert.throws(
      () => bundleModules(modules(files)),
      (error: unknown) => error instanceof BundleError && message.test(error.message),
    );
  refuse({ 'main.js': "import { a } from './a.js';\n", 'a.js': "import { b } from './main.js';\nexport const a = 1;\n" }, /import cycles/);
  refuse({ 'main.js': "import x from './a.js';\n", 'a.js': 'export default 1;\n' }, /a\.js: export default is not supported/);
  refuse({ 'main.js': 'export let n = 1;\n' }, /main\.js: export let is not supported/);
  refuse({ 'main.js': "import { nope } from './a.js';\n", 'a.js': 'export const yes = 1;\n' }, /main\.js imports 'nope' from a\.js, which does not export it/);
  refuse({ 'main.js': "import fs from 'node:fs';\n" }, /main\.js imports 'node:fs': only relative \.js modules/);
  refuse({ 'main.js': "export * from './a.js';\n", 'a.js': 'export const a = 1;\n' }, /export \* from is not supported/);
  refuse({ 'main.js': "import { a } from './missing.js';\n" }, /missing\.js, which cannot be read/);
});

test('the real page script is one classic script with nothing that could end its element', () => {
  const script = reportScript();
  assert.doesNotThrow(() => new vm.Script(script));
  assert.ok(!/<\/script|<!--/i.test(script));
  assert.ok(!/^\s*(import|export)\s/m.test(script), 'no module syntax left');
  for (const module of ['main.js', 'table.js', 'flame.js', 'treemap.js', 'callgraph.js', 'source.js']) {
    assert.ok(script.includes(`__modules["${module}"] =`), module);
  }
});
