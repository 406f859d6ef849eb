/** Which disassembled functions `-f` picks: `NAME`, `Class.method`, or `file:line`. */
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
export function v8Filters(targets: readonly string[]): string[] {
  if (targets.some((t) => /:\d+$/.test(t))) return ['*'];
  return [...new Set(targets.map((t) => t.split('.').at(-1)!))];
}
