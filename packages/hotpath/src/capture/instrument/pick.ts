// The functions a line capture measures: those the user's targets name (./targets.ts) and
// those the code marks (`@profile`, `profile(fn)`), found the same way by both line modes.
import type { ModuleFunction, ParsedModule } from './module.js';
import { pickFunctions, type Candidate } from './targets.js';

/** A function as a line capture reports it: name and position in the user's source. */
export interface PlacedFunction extends Candidate {
  /** 1-based. */
  column: number;
}

/** Every function of the module, placed; and the ones picked, with their placing. */
export interface Picked {
  candidates: PlacedFunction[];
  picked: Array<{ fn: ModuleFunction; placed: PlacedFunction }>;
}

/** Places every function of `module` and picks those `targets` name or the code marks. */
export function pickIn(module: ParsedModule, targets: readonly string[], cwd?: string): Picked {
  const candidates = module.functions.map((fn): PlacedFunction => {
    const { file, line, column } = module.original(fn.start);
    return { name: fn.name, file, line, column, endLine: module.endLine(fn) };
  });
  const targeted = pickFunctions(candidates, targets, cwd);
  const picked = module.functions.filter((fn) => fn.marked || targeted.has(fn.index)).map((fn) => ({ fn, placed: candidates[fn.index]! }));
  return { candidates, picked };
}
