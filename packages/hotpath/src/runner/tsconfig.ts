/**
 * The tsconfig.json settings that change the JavaScript of a TypeScript file, as the user's
 * compiler reads them: the nearest tsconfig.json above the file, with its `extends` chain,
 * parsed by TypeScript's own API. Parsed settings are kept per directory in memory and on
 * disk (the loader cache, checked against the contents of every file of the chain), so a
 * run whose sources and tsconfig files did not change does not load the compiler at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readCache, writeCache } from './loader-cache.js';
import { typescriptCompiler } from './typescript-api.js';

/** The compiler options hotpath honours, as TypeScript's API names and numbers them. */
export interface EmitSettings {
  /** The tsconfig.json they come from; `null` where no tsconfig.json is above the file. */
  configFile: string | null;
  /** `useDefineForClassFields` as tsc applies it (explicit, else `target >= ES2022`). */
  useDefineForClassFields: boolean;
  experimentalDecorators?: boolean;
  emitDecoratorMetadata?: boolean;
  /** `ts.JsxEmit`. */
  jsx?: number;
  jsxFactory?: string;
  jsxFragmentFactory?: string;
  jsxImportSource?: string;
  verbatimModuleSyntax?: boolean;
  esModuleInterop?: boolean;
  allowSyntheticDefaultImports?: boolean;
  /** `ts.ModuleKind` the user builds with (reported; the loader picks the format per file). */
  module?: number;
  /** `ts.ScriptTarget`. */
  target?: number;
  /** Absolute. */
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Where relative `paths` entries are resolved from when there is no `baseUrl` (absolute). */
  pathsBasePath?: string;
}

interface CachedSettings {
  /** Every file of the chain with the hash of its contents. */
  files: { file: string; hash: string | null }[];
  settings: EmitSettings;
}

const byDirectory = new Map<string, EmitSettings>();

/** The settings for a file in `dir`: from the nearest tsconfig.json above it. */
export function emitSettings(dir: string): EmitSettings {
  let settings = byDirectory.get(dir);
  if (!settings) {
    const configFile = nearestConfig(dir);
    settings = configFile ? configSettings(configFile) : defaults();
    byDirectory.set(dir, settings);
  }
  return settings;
}

function nearestConfig(dir: string): string | null {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, 'tsconfig.json');
    if (isFile(candidate)) return candidate;
    if (path.dirname(at) === at) return null;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

// tsc with no tsconfig.json: target ES5, so declared fields are not defined.
function defaults(): EmitSettings {
  return { configFile: null, useDefineForClassFields: false };
}

const parsed = new Map<string, EmitSettings>();

function configSettings(configFile: string): EmitSettings {
  let settings = parsed.get(configFile);
  if (settings) return settings;
  const key = `tsconfig-${createHash('sha256').update(configFile).digest('hex')}`;
  const cached = readCache(key);
  if (cached !== null) {
    const entry = JSON.parse(cached) as CachedSettings;
    if (entry.files.every(({ file, hash }) => hashOf(file) === hash)) settings = entry.settings;
  }
  if (!settings) {
    const { settings: fresh, files } = parseConfig(configFile);
    settings = fresh;
    writeCache(key, JSON.stringify({ files: files.map((file) => ({ file, hash: hashOf(file) })), settings } satisfies CachedSettings));
  }
  parsed.set(configFile, settings);
  return settings;
}

function hashOf(file: string): string | null {
  try {
    return createHash('sha256').update(readFileSync(file)).digest('hex');
  } catch {
    return null;
  }
}

/**
 * Thrown for a tsconfig.json the compiler cannot read; names the file. hotpath cannot load the
 * program as its compiler would without it, so this is hotpath's refusal: own-errors.ts
 * reports it as one line (its stack, in hotpath's code, is how it is told from the program's).
 */
export class TsconfigError extends Error {
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.name = 'TsconfigError';
  }
}

function parseConfig(configFile: string): { settings: EmitSettings; files: string[] } {
  const ts = typescriptCompiler();
  const source = ts.readJsonConfigFile(configFile, ts.sys.readFile);
  const host: import('typescript').ParseConfigHost = {
    useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    // The file list is not needed, only the options: no directory is walked.
    readDirectory: () => [],
  };
  const config = ts.parseJsonSourceFileConfigFileContent(source, host, path.dirname(configFile), undefined, configFile);
  const parseErrors = (source as { parseDiagnostics?: readonly import('typescript').Diagnostic[] }).parseDiagnostics ?? [];
  // Only text that is no JSON is fatal. An option this TypeScript does not know, or a bad
  // value, is left out as tsx leaves it out: the program still runs.
  const fatal = parseErrors.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (fatal) {
    const { line, character } = source.getLineAndCharacterOfPosition(fatal.start ?? 0);
    throw new TsconfigError(`${configFile}:${line + 1}:${character + 1}`, ts.flattenDiagnosticMessageText(fatal.messageText, ' '));
  }
  const o = config.options;
  const target = o.target ?? ts.ScriptTarget.ES5;
  const settings: EmitSettings = {
    configFile,
    useDefineForClassFields: o.useDefineForClassFields ?? target >= ts.ScriptTarget.ES2022,
    ...defined({
      experimentalDecorators: o.experimentalDecorators,
      emitDecoratorMetadata: o.emitDecoratorMetadata,
      jsx: o.jsx,
      jsxFactory: o.jsxFactory,
      jsxFragmentFactory: o.jsxFragmentFactory,
      jsxImportSource: o.jsxImportSource,
      verbatimModuleSyntax: o.verbatimModuleSyntax,
      esModuleInterop: o.esModuleInterop,
      allowSyntheticDefaultImports: o.allowSyntheticDefaultImports,
      module: o.module,
      target: o.target,
      baseUrl: o.baseUrl,
      paths: o.paths as Record<string, string[]> | undefined,
      pathsBasePath: o.pathsBasePath as string | undefined,
    }),
  };
  return { settings, files: [configFile, ...(source.extendedSourceFiles ?? [])] };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
