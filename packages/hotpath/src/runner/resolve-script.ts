/**
 * What `hotpath profile NAME` runs: what `node NAME` would (a file, or Node's CommonJS
 * resolution of it: `node app` runs app.js), else, as `npx NAME` would, the bin NAME of a
 * package installed in `node_modules/.bin` here or in a directory above, followed to the
 * JavaScript file it stands for (`acorn` -> node_modules/acorn/bin/acorn).
 */
import { closeSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/** The script to run, or why there is none (one line naming the file). */
export type ScriptResolution = { ok: true; script: string; bin?: string } | { ok: false; message: string };

/** Resolves `name` from `cwd` (see the module comment). `script` is `name` itself unless a bin stood for it. */
export function resolveScript(name: string, cwd: string): ScriptResolution {
  if (isFile(path.resolve(cwd, name)) || nodeResolves(name, cwd)) return { ok: true, script: name };
  const bin = /[\\/]/.test(name) ? null : findBin(name, cwd);
  if (!bin) return { ok: false, message: `cannot find the script ${name} (no such file, and no ${name} in node_modules/.bin)` };
  const target = binTarget(bin);
  if (!target) return { ok: false, message: `${path.relative(cwd, bin) || bin} is not a Node.js script: hotpath runs JavaScript and TypeScript only` };
  return { ok: true, script: target, bin };
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function nodeResolves(name: string, cwd: string): boolean {
  try {
    createRequire(path.join(cwd, 'noop.js')).resolve(path.resolve(cwd, name));
    return true;
  } catch {
    return false;
  }
}

// npm puts the bins of a project's packages in node_modules/.bin; npm run and npx find them
// in the current directory's and every directory's above it.
function findBin(name: string, cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', name);
    if (isFile(candidate)) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * The JavaScript file a bin stands for: npm links it (a symbolic link to the package's file);
 * pnpm and cmd-shim write a shell script that runs `node "$basedir/<path>"`.
 */
function binTarget(bin: string): string | null {
  const file = realpathSync(bin);
  const head = readHead(file);
  if (isNodeScript(file, head)) return file;
  if (!head.startsWith('#!/bin/sh')) return null;
  // `exec node  "$basedir/../acorn/bin/acorn" "$@"`: the file given to node, before the arguments.
  const shim = /"\$basedir\/([^"$]+)"\s+"\$@"/.exec(readFileSync(file, 'utf8'));
  if (!shim) return null;
  const target = path.resolve(path.dirname(file), shim[1]!);
  return isFile(target) && isNodeScript(target, readHead(target)) ? realpathSync(target) : null;
}

function isNodeScript(file: string, head: string): boolean {
  if (/\.[cm]?[jt]s$/.test(file)) return true;
  const shebang = /^#!(.*)/.exec(head);
  return shebang !== null && /\bnode\b/.test(shebang[1]!);
}

function readHead(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}
