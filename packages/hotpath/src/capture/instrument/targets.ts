/**
 * Which functions the user picked: `evolve` (any function or method of that name),
 * `ParticleSimulator.evolve`, `file.ts:41` (the function starting on, or else the innermost
 * one containing, that line), or a file alone (`file.ts`: every function in it, `--all`).
 */
import * as path from 'node:path';

/** A function as the matcher sees it: name and original position. */
export interface Candidate {
  name: string;
  file: string;
  line: number;
  endLine: number;
}

type Target = { kind: 'name'; name: string } | { kind: 'line'; file: string; line: number } | { kind: 'file'; file: string };

const FILE_LIKE = /[\\/]|\.[cm]?[jt]sx?$/;

/** Parses a target as the user wrote it. */
export function parseTarget(text: string): Target {
  const at = /^(.+):(\d+)$/.exec(text);
  if (at) return { kind: 'line', file: at[1]!, line: Number(at[2]) };
  if (FILE_LIKE.test(text)) return { kind: 'file', file: text };
  return { kind: 'name', name: text };
}

/** Whether `file` (absolute) is the file the user named (absolute, cwd-relative, or a path suffix). */
export function sameFile(file: string, named: string, cwd: string = process.cwd()): boolean {
  if (path.resolve(cwd, named) === file) return true;
  const suffix = named.split(/[\\/]/).join(path.sep);
  return file === suffix || file.endsWith(path.sep + suffix);
}

/** The indexes of `candidates` (one module's functions) that `targets` pick. */
export function pickFunctions(candidates: readonly Candidate[], targets: readonly string[], cwd?: string): Set<number> {
  const picked = new Set<number>();
  for (const target of targets.map(parseTarget)) {
    if (target.kind === 'name') {
      candidates.forEach((c, i) => {
        if (c.name === target.name || c.name.endsWith(`.${target.name}`)) picked.add(i);
      });
    } else if (target.kind === 'file') {
      candidates.forEach((c, i) => sameFile(c.file, target.file, cwd) && picked.add(i));
    } else {
      const index = functionAtLine(candidates, target, cwd);
      if (index >= 0) picked.add(index);
    }
  }
  return picked;
}

function functionAtLine(candidates: readonly Candidate[], target: { file: string; line: number }, cwd?: string): number {
  let best = -1;
  candidates.forEach((c, i) => {
    if (!sameFile(c.file, target.file, cwd)) return;
    if (c.line === target.line) best = best >= 0 && candidates[best]!.line === target.line ? best : i;
    else if (c.line <= target.line && target.line <= c.endLine) {
      if (best < 0 || (candidates[best]!.line !== target.line && c.line >= candidates[best]!.line)) best = i;
    }
  });
  return best;
}

/** Whether a target picks anything among `candidates`. */
export function matchesAny(candidates: readonly Candidate[], target: string, cwd?: string): boolean {
  return pickFunctions(candidates, [target], cwd).size > 0;
}
