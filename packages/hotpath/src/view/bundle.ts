/**
 * Links the report page's compiled ES modules (dist/src/view/page/*.js, written by tsc) into
 * one classic script, for inlining into a report that must open from disk: a page opened
 * from file:// cannot load modules beside it, and a report should be one file anyway.
 *
 * Why not a bundler: the page is a dozen small modules of our own, and acorn (already a
 * dependency) parses them; what they need is narrow enough to do exactly here. Each module
 * becomes a function run once, in dependency order, that returns its exports:
 *
 * ```js
 * __modules["format.js"] = (() => { ...; return { human, percent }; })();
 * __modules["main.js"] = (() => { const { human } = __modules["format.js"]; ... })();
 * ```
 *
 * So exports are handed over as values, not live bindings, and the linker refuses what that
 * would get wrong: `export let`/`var`, import cycles, default and re-exports, and imports of
 * anything but a relative `.js` file beside the entry. Every refusal names the module.
 */
import { parse, type ExportNamedDeclaration, type ImportDeclaration, type Program } from 'acorn';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A module the linker cannot link; the message names the module and the construct. */
export class BundleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleError';
  }
}

interface Linked {
  id: string;
  body: string;
  /** `name` or `exported: local` entries of the returned object. */
  exports: string[];
}

/** One script that runs the module `entry` and, before it, every module it imports. */
export function bundleModules(entry: string): string {
  const root = path.dirname(path.resolve(entry));
  const linked: Linked[] = [];
  const state = new Map<string, 'linking' | 'done'>();
  const exportsOf = new Map<string, Set<string>>();
  const visit = (file: string, from: string): void => {
    const id = path.relative(root, file);
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'linking') throw new BundleError(`${from} imports ${id}, which imports it back: import cycles cannot be linked`);
    state.set(id, 'linking');
    const code = readModule(file, from);
    const program = parseModule(code, id);
    for (const dependency of importedFiles(program, file, root, id)) visit(dependency, id);
    const module = linkModule(code, program, id, root, file, exportsOf);
    exportsOf.set(id, new Set(module.exports.map((entry) => entry.split(':')[0]!)));
    linked.push(module);
    state.set(id, 'done');
  };
  visit(path.resolve(entry), 'the entry');
  const modules = linked.map((m) => `__modules[${JSON.stringify(m.id)}] = (() => {\n${m.body}\nreturn { ${m.exports.join(', ')} };\n})();`);
  return `(() => {\n'use strict';\nconst __modules = Object.create(null);\n${modules.join('\n')}\n})();\n`;
}

function readModule(file: string, from: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new BundleError(`${from} imports ${file}, which cannot be read: ${(error as Error).message}`);
  }
}

function parseModule(code: string, id: string): Program {
  try {
    return parse(code, { ecmaVersion: 2022, sourceType: 'module' });
  } catch (error) {
    throw new BundleError(`${id} does not parse: ${(error as Error).message}`);
  }
}

function importedFiles(program: Program, file: string, root: string, id: string): string[] {
  return program.body.filter((node): node is ImportDeclaration => node.type === 'ImportDeclaration').map((node) => resolveImport(node, file, root, id));
}

function resolveImport(node: ImportDeclaration, file: string, root: string, id: string): string {
  const specifier = String(node.source.value);
  if (!/^\.\.?\//.test(specifier) || !specifier.endsWith('.js')) {
    throw new BundleError(`${id} imports '${specifier}': only relative .js modules can be linked into the page`);
  }
  const target = path.resolve(path.dirname(file), specifier);
  if (path.relative(root, target).startsWith('..')) throw new BundleError(`${id} imports '${specifier}', outside the page's folder`);
  return target;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function linkModule(code: string, program: Program, id: string, root: string, file: string, exportsOf: Map<string, Set<string>>): Linked {
  const edits: Edit[] = [];
  const exports: string[] = [];
  for (const node of program.body) {
    if (node.type === 'ImportDeclaration') {
      const from = path.relative(root, resolveImport(node, file, root, id));
      edits.push({ start: node.start, end: node.end, text: importText(node, id, from, exportsOf.get(from)!) });
    } else if (node.type === 'ExportNamedDeclaration') {
      edits.push(exportEdit(node, id, exports));
    } else if (node.type === 'ExportDefaultDeclaration' || node.type === 'ExportAllDeclaration') {
      throw new BundleError(`${id}: ${node.type === 'ExportAllDeclaration' ? 'export * from' : 'export default'} is not supported; use named exports`);
    }
  }
  return { id, body: applyEdits(code, edits).replace(/^\/\/# sourceMappingURL=.*$/m, ''), exports };
}

function importText(node: ImportDeclaration, id: string, from: string, available: Set<string>): string {
  const source = `__modules[${JSON.stringify(from)}]`;
  const names: string[] = [];
  for (const spec of node.specifiers) {
    if (spec.type === 'ImportNamespaceSpecifier') return `const ${spec.local.name} = ${source};`;
    if (spec.type === 'ImportDefaultSpecifier') throw new BundleError(`${id} imports a default export from ${from}; use named exports`);
    const imported = spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value);
    if (!available.has(imported)) throw new BundleError(`${id} imports '${imported}' from ${from}, which does not export it`);
    names.push(imported === spec.local.name ? imported : `${imported}: ${spec.local.name}`);
  }
  return names.length === 0 ? '' : `const { ${names.join(', ')} } = ${source};`;
}

// `export function f` / `export class C` / `export const a = 1` lose the `export` keyword;
// `export { a, b as c }` goes away. Their names go into the module's returned object.
function exportEdit(node: ExportNamedDeclaration, id: string, exports: string[]): Edit {
  if (node.source) throw new BundleError(`${id}: re-exports (export ... from) are not supported`);
  const declaration = node.declaration;
  if (!declaration) {
    for (const spec of node.specifiers) {
      const local = spec.local.type === 'Identifier' ? spec.local.name : String(spec.local.value);
      const exported = spec.exported.type === 'Identifier' ? spec.exported.name : String(spec.exported.value);
      exports.push(exported === local ? local : `${exported}: ${local}`);
    }
    return { start: node.start, end: node.end, text: '' };
  }
  if (declaration.type === 'VariableDeclaration') {
    if (declaration.kind !== 'const') throw new BundleError(`${id}: export ${declaration.kind} is not supported (exports are copied, not live); export a const`);
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier') throw new BundleError(`${id}: destructuring exports are not supported`);
      exports.push(d.id.name);
    }
  } else {
    exports.push(declaration.id.name);
  }
  return { start: node.start, end: declaration.start, text: '' };
}

function applyEdits(code: string, edits: Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += code.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + code.slice(at);
}
