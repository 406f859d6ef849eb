/**
 * V8's code objects as its log describes them (`code-creation`, `code-source-info`,
 * `code-move`, `code-delete`), and what a sampled address in one of them means: a chain of
 * (script, source offset) frames, innermost first, inlined functions expanded.
 */

/** A frame of a tick: where in which script. */
export interface SourceFrame {
  script: number;
  /** Character offset in the script's source (as V8 ran it). */
  offset: number;
}

/** One JavaScript code object: bytecode (interpreted) or machine code. */
export interface CodeEntry {
  start: number;
  size: number;
  /** Bytecode: a sampled address is the bytecode being executed, not a return address. */
  interpreted: boolean;
  script: number;
  /** Position table: code offset, source offset, inlining id (-1: the function itself), sorted by code offset. */
  positions: number[];
  /** Inlined call sites: the inlined function (index into `functions`), the call's offset, the caller's inlining id. */
  inlinings: Array<{ fn: number; offset: number; parent: number }>;
  /** The inlined functions' SharedFunctionInfo addresses. */
  functions: number[];
}

/** The live code objects of one isolate, looked up by address. */
export class CodeMap {
  private readonly byStart = new Map<number, CodeEntry>();
  private sorted: CodeEntry[] | null = null;
  /** Script of each SharedFunctionInfo, for inlined functions. */
  readonly sfiScripts = new Map<number, number>();

  add(entry: CodeEntry): void {
    this.byStart.set(entry.start, entry);
    this.sorted = null;
  }

  get(start: number): CodeEntry | undefined {
    return this.byStart.get(start);
  }

  move(from: number, to: number): void {
    const entry = this.byStart.get(from);
    if (!entry) return;
    this.byStart.delete(from);
    this.add({ ...entry, start: to });
  }

  remove(start: number): void {
    if (this.byStart.delete(start)) this.sorted = null;
  }

  /** The code object holding `address`, if it is JavaScript code. */
  find(address: number): CodeEntry | null {
    this.sorted ??= [...this.byStart.values()].sort((a, b) => a.start - b.start);
    const list = this.sorted;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const entry = list[middle]!;
      if (address < entry.start) high = middle - 1;
      else if (address >= entry.start + entry.size) low = middle + 1;
      else return entry;
    }
    return null;
  }
}

/**
 * The frames at `address` in `entry`, innermost first. `returnAddress`: the address is
 * where a call returns to (a caller's frame in machine code), so the call is the position
 * just before it; the top frame's pc and an interpreted frame's bytecode offset are exact.
 */
export function framesAt(entry: CodeEntry, address: number, returnAddress: boolean, sfiScripts: ReadonlyMap<number, number>): SourceFrame[] {
  const codeOffset = address - entry.start - (returnAddress && !entry.interpreted ? 1 : 0);
  const at = lastAtOrBefore(entry.positions, codeOffset);
  if (at < 0) return [];
  const frames: SourceFrame[] = [];
  let offset = entry.positions[at + 1]!;
  let inlining = entry.positions[at + 2]!;
  for (let guard = 0; inlining >= 0 && guard < 64; guard++) {
    const site = entry.inlinings[inlining];
    if (!site) break;
    const script = sfiScripts.get(entry.functions[site.fn] ?? -1);
    if (script !== undefined) frames.push({ script, offset });
    offset = site.offset;
    inlining = site.parent;
  }
  frames.push({ script: entry.script, offset });
  return frames;
}

// The index (into the flat triples) of the last position whose code offset is <= `offset`.
function lastAtOrBefore(positions: readonly number[], offset: number): number {
  let low = 0;
  let high = positions.length / 3 - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (positions[middle * 3]! <= offset) {
      found = middle * 3;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}
