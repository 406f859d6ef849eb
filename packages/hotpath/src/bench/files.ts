/**
 * Which files `hotpath bench` runs: files as given, directories searched for `*.bench.*`
 * files, and globs (`*`, `**`, `?`, `{a,b}`) expanded here, since Node 20 has no `fs.glob`
 * and a quoted glob reaches us unexpanded. With no arguments: every `*.bench.{js,mjs,cjs,ts,
 * mts,cts}` under the working directory, outside `node_modules`, `dist` and dot-directories
 * (a compiled copy in `dist/` would otherwise run twice).
 */
import fs from 'node:fs';
import path from 'node:path';

/** A benchmark file name. */
export const BENCH_FILE = /\.bench\.[mc]?[jt]s$/;

/** Arguments that name no file. */
export class NoFilesError extends Error {
  override name = 'NoFilesError';
}

/**
 * The files to run, relative to `cwd` when inside it, sorted, each once.
 * @throws NoFilesError for an argument that matches nothing (or no files at all).
 */
export function findBenchFiles(args: readonly string[], cwd: string = process.cwd()): string[] {
  const found = new Set<string>();
  if (args.length === 0) {
    walk(cwd, (file) => BENCH_FILE.test(file), new Set(['node_modules', 'dist'])).forEach((f) => found.add(f));
    if (found.size === 0) throw new NoFilesError(`no *.bench.* files under ${cwd} (name files or globs to run)`);
  }
  for (const arg of args) {
    const matches = expand(arg, cwd);
    if (matches.length === 0) throw new NoFilesError(`no benchmark files match '${arg}'`);
    matches.forEach((f) => found.add(f));
  }
  return [...found].map((f) => shown(f, cwd)).sort();
}

function expand(arg: string, cwd: string): string[] {
  const absolute = path.resolve(cwd, arg);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (stat?.isFile()) return [absolute];
  if (stat?.isDirectory()) return walk(absolute, (file) => BENCH_FILE.test(file), new Set(['node_modules']));
  if (!/[*?{]/.test(arg)) return [];
  const pattern = globToRegExp(absolute.split(path.sep).join('/'));
  const base = staticPrefix(absolute);
  return walk(base, (file) => pattern.test(file.split(path.sep).join('/')), new Set(['node_modules']));
}

// The directory part of a glob before its first wildcard: where the walk starts.
function staticPrefix(absolute: string): string {
  const parts = absolute.split(path.sep);
  const first = parts.findIndex((part) => /[*?{]/.test(part));
  return parts.slice(0, first).join(path.sep) || path.sep;
}

/** A glob as a regular expression over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
      continue;
    }
    const inBraces = braces > 0;
    if (c === '{') braces++;
    if (c === '}' && inBraces) braces--;
    source += globChar(c, inBraces);
  }
  return new RegExp(`^${source}$`);
}

function globChar(c: string, inBraces: boolean): string {
  if (c === '*') return '[^/]*';
  if (c === '?') return '[^/]';
  if (c === '{') return '(?:';
  if (c === '}' && inBraces) return ')';
  if (c === ',' && inBraces) return '|';
  return c.replace(/[.+^$|()[\]{}\\]/g, '\\$&');
}

function walk(dir: string, keep: (file: string) => boolean, skip: ReadonlySet<string>): string[] {
  const files: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name) && !entry.name.startsWith('.')) files.push(...walk(full, keep, skip));
    } else if (keep(full)) files.push(full);
  }
  return files;
}

function shown(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
