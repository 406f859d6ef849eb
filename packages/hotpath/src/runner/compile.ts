/**
 * The JavaScript hotpath runs for a TypeScript (or JSX) file: the JavaScript the user's own
 * build would make of it, with every position traceable to the source.
 * - Type blanking (ts-blank-space) where it gives that JavaScript: types become spaces, so
 *   every line and column is the .ts file's own and no source map is needed (but for
 *   Node, which shows a TypeScript file's errors as mapped only with one: node-maps.ts).
 * - TypeScript's compiler (`ts.transpileModule`, with the file's tsconfig settings) where
 *   the file needs generated code: enums, namespaces, parameter properties, decorators,
 *   JSX, `import x = require()`, `export =`, class fields under
 *   `useDefineForClassFields: false`, imports tsc would drop, ES module syntax in a
 *   CommonJS file. The code carries an inline source map, which every capture follows
 *   back to the TypeScript line (capture/source-maps.ts, capture/instrument/source-map.ts), and
 *   so does Node for the program's errors.
 * Why TypeScript's compiler rather than a faster one (esbuild, swc, oxc): it is the
 * compiler whose output users ship, it reads tsconfig.json the way tsc does, and hotpath
 * already depends on it; its output is cached, so it is paid once per file version.
 */
import type { EncodedSourceMap } from '@jridgewell/remapping';
import * as acorn from 'acorn';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import { walkWithAncestors } from '../capture/instrument/ast.js';
import { commentMarkerDecorators, markerNames } from '../capture/instrument/markers.js';
import { withInlineMap } from '../capture/trace/instrument.js';
import { VERSION } from '../version.js';
import { readCache, writeCache } from './loader-cache.js';
import { MAP_MARK } from './map-mark.js';
import { emitSettings, type EmitSettings } from './tsconfig.js';
import { typescriptCompiler } from './typescript-api.js';

/** How Node runs a file. */
export type ModuleFormat = 'module' | 'commonjs';

/**
 * Whether hotpath's own `@profile` decorators run as the decorators they are: under `hotpath
 * mprof run` (which sets HOTPATH_MPROF_FUNCS) they time each call for the plot's brackets
 * (lines.ts). Elsewhere they are marks that `hotpath lines` and `hotpath memory` read, and
 * they stay in the code as comments.
 */
export const MARKER_DECORATORS_RUN = process.env.HOTPATH_MPROF_FUNCS !== undefined;

/**
 * The JavaScript of `source` (the contents of `file`) for Node to run as `format`, from the
 * loader cache when this source, these settings and this hotpath version were seen before.
 * @throws SyntaxError naming the file, line and column for source the compiler cannot parse.
 */
export function javaScriptOf(source: string, file: string, format: ModuleFormat): string {
  const settings = emitSettings(path.dirname(file));
  const key = `js-${createHash('sha256')
    .update(JSON.stringify([loaderVersion(), file, format, settings, MARKER_DECORATORS_RUN]))
    .update('\0')
    .update(source)
    .digest('hex')}`;
  const cached = readCache(key);
  if (cached !== null) return cached;
  const code = convert(source, file, format, settings);
  writeCache(key, code);
  return code;
}

let version: string | null = null;

// What the output depends on besides the source and settings: hotpath's version, this
// file (a changed rule must not serve old output), and the compilers' versions.
function loaderVersion(): string {
  if (version === null) {
    const own = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const versionOf = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
    version = createHash('sha256')
      .update(JSON.stringify([VERSION, own, versionOf('typescript'), versionOf('ts-blank-space')]))
      .digest('hex');
  }
  return version;
}

function convert(source: string, file: string, format: ModuleFormat, settings: EmitSettings): string {
  if (!/\.[jt]sx$/.test(file)) {
    const blanked = blank(source, file);
    if (blanked !== null && blankingIsExact(blanked, format, settings)) return blanked.code;
  }
  return transpile(source, file, format, settings);
}

interface Blanked {
  code: string;
  sourceFile: TS.SourceFile;
}

type BlankSourceFile = (sourceFile: TS.SourceFile, onError?: (node: TS.Node) => void) => string;
const require = createRequire(import.meta.url);

// null where the file holds syntax that needs generated code (ts-blank-space reports it).
function blank(source: string, file: string): Blanked | null {
  const ts = typescriptCompiler();
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
  const { blankSourceFile } = require('ts-blank-space') as { blankSourceFile: BlankSourceFile };
  let unsupported = false;
  const code = blankSourceFile(sourceFile, () => {
    unsupported = true;
  });
  return unsupported ? null : { code, sourceFile };
}

/** Whether the blanked code is what tsc would emit, types aside. */
function blankingIsExact({ code, sourceFile }: Blanked, format: ModuleFormat, settings: EmitSettings): boolean {
  if (format === 'commonjs' && hasModuleSyntax(sourceFile)) return false;
  if (hasDecorators(sourceFile)) return false;
  if (!settings.useDefineForClassFields && hasClassFields(sourceFile)) return false;
  if (format === 'module' && !settings.verbatimModuleSyntax && hasElidedImports(code)) return false;
  return true;
}

function hasModuleSyntax(sourceFile: TS.SourceFile): boolean {
  const ts = typescriptCompiler();
  return sourceFile.statements.some(
    (s) =>
      ts.isImportDeclaration(s) ||
      ts.isExportDeclaration(s) ||
      ts.isExportAssignment(s) ||
      (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)),
  );
}

// Decorators are valid syntax to ts-blank-space but run in no Node version: tsc lowers them.
// hotpath's own `@profile` is the exception: it returns the method unchanged, and
// `hotpath lines` finds it in the blanked code and blanks it there (capture/instrument/markers.ts), unless it runs.
function hasDecorators(sourceFile: TS.SourceFile): boolean {
  const ts = typescriptCompiler();
  const markers = !MARKER_DECORATORS_RUN && sourceFile.text.includes('hotpath') ? markerNames(sourceFile.text) : new Set<string>();
  const visit = (node: TS.Node): boolean => (ts.isDecorator(node) && !markers.has(node.expression.getText(sourceFile))) || (ts.forEachChild(node, visit) ?? false);
  return visit(sourceFile);
}

// With define semantics off, tsc turns `x = 1;` into `this.x = 1` in the constructor and
// drops a declared-only `x: number;`, which blanking would leave as `x;` (the class-field
// trap: the field starts undefined and numbers stored in it are boxed).
function hasClassFields(sourceFile: TS.SourceFile): boolean {
  const ts = typescriptCompiler();
  const erased = new Set([ts.SyntaxKind.DeclareKeyword, ts.SyntaxKind.AbstractKeyword]);
  const visit = (node: TS.Node): boolean =>
    (ts.isPropertyDeclaration(node) && !(ts.getModifiers(node) ?? []).some((m) => erased.has(m.kind))) || (ts.forEachChild(node, visit) ?? false);
  return visit(sourceFile);
}

// Without verbatimModuleSyntax tsc drops an import whose bindings are used only as types
// (or not at all), and an import left empty by `type` specifiers. In the blanked code every
// identifier left is a value, so an imported name that never appears there was dropped.
function hasElidedImports(code: string): boolean {
  let program: acorn.Program;
  try {
    program = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return true; // let the compiler report it, with the TypeScript position
  }
  const imported = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== 'ImportDeclaration') continue;
    if (statement.specifiers.length === 0 && code.slice(statement.start, statement.source.start).includes('{')) return true;
    for (const specifier of statement.specifiers) imported.add(specifier.local.name);
  }
  if (imported.size === 0) return false;
  walkWithAncestors(program, (node, ancestors) => {
    if (node.type === 'Identifier' && !ancestors.some((a) => a.type === 'ImportDeclaration')) imported.delete((node as acorn.Identifier).name);
  });
  return imported.size > 0;
}

function transpile(source: string, file: string, format: ModuleFormat, settings: EmitSettings): string {
  const ts = typescriptCompiler();
  const jsx = /\.[jt]sx$/.test(file);
  // NodeNext gives each file its format by extension (and turns `import x = require()` in
  // an ES module into createRequire); .tsx/.jsx files have no such extension.
  const fileName = jsx ? file : file.replace(/\.[mc]?ts$/, format === 'module' ? '.mts' : '.cts');
  const module = jsx ? (format === 'module' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS) : ts.ModuleKind.NodeNext;
  const compilerOptions: TS.CompilerOptions = {
    ...userOptions(settings),
    // What Node 20 runs natively: nothing is lowered but what tsc lowers for every target.
    target: ts.ScriptTarget.ES2022,
    module,
    moduleResolution: jsx ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.NodeNext,
    sourceMap: true,
    inlineSourceMap: false,
    importHelpers: false,
    declaration: false,
    removeComments: false,
  };
  // hotpath's `@profile` goes as a comment, for `hotpath lines` to find it (capture/instrument/markers.ts).
  const input = !MARKER_DECORATORS_RUN && source.includes('hotpath') ? commentMarkerDecorators(source) : source;
  const output = ts.transpileModule(input, { fileName, compilerOptions, reportDiagnostics: true });
  const error = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (error) throw syntaxError(file, error);
  const map = JSON.parse(output.sourceMapText!) as EncodedSourceMap;
  map.sources = [path.basename(file)];
  map.file = path.basename(file);
  // hotpath's map, of a file Node shows as mapped (node-maps.ts, program-errors.ts).
  Object.assign(map, { [MAP_MARK]: {} });
  return withInlineMap(output.outputText.replace(/\/\/# sourceMappingURL=\S*\s*$/, ''), map);
}

function userOptions(settings: EmitSettings): TS.CompilerOptions {
  const ts = typescriptCompiler();
  const { configFile: _file, baseUrl: _baseUrl, paths: _paths, pathsBasePath: _base, module: _module, target: _target, ...options } = settings;
  // tsc refuses JSX without a `jsx` setting; tsx and esbuild default to React's classic runtime.
  return { jsx: ts.JsxEmit.React, ...options };
}

function syntaxError(file: string, diagnostic: TS.Diagnostic): SyntaxError {
  const ts = typescriptCompiler();
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
  let where = file;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where = `${file}:${line + 1}:${character + 1}`;
  }
  const error = new SyntaxError(`${where}: ${message}`);
  // The error is the program's, at its file and line: the loader's stack would only hide that.
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
