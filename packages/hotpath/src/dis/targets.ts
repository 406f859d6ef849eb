/** Which disassembled functions `-f` picks: `NAME`, `Class.method`, or `file:line`. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Disassembly } from './functions.js';

/** Whether `fn` is what `target` names; `evolve` names `ParticleSimulator.evolve` too. */
export function picks(fn: Disassembly, target: string, cwd: string): boolean {
  const at = /^(.+):(\d+)$/.exec(target);
  if (at) {
    const file = path.resolve(cwd, at[1]!);
    return (fn.file === file || fn.file.endsWith(`${path.sep}${at[1]}`)) && fn.line === Number(at[2]);
  }
  return fn.name === target || fn.name.endsWith(`.${target}`);
}

/**
 * V8's `--print-bytecode-filter`s for the targets, one run each: V8 takes one name (or a
 * prefix ending in `*`) per run, and printing every function (`*`) prints Node's own by the
 * thousand. `file:line` targets need `*`.
 */
export function v8Filters(targets: readonly string[], cwd = process.cwd()): string[] {
  const names = targets.map((t) => lineName(t, cwd) ?? t.split('.').at(-1)!);
  if (names.includes('*')) return ['*'];
  return [...new Set(names)];
}

/**
 * The name of the function a `file:line` target starts (`step(x) {` on that line is `step`),
 * so V8 prints only functions of that name: `*` prints every function the loader runs too,
 * TypeScript's compiler among them, by the hundred thousand. `*` where the line names none.
 */
function lineName(target: string, cwd: string): string | null {
  const at = /^(.+):(\d+)$/.exec(target);
  if (!at) return null;
  let line: string | undefined;
  try {
    line = readFileSync(path.resolve(cwd, at[1]!), 'utf8').split('\n')[Number(at[2]) - 1];
  } catch {
    return '*';
  }
  return /([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/.exec(line ?? '')?.[1] ?? '*';
}
