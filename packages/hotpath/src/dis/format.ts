/**
 * `hotpath dis` output, in the layout of Python's `dis.dis`: for each line of source that has
 * bytecode, the line number and the line, then its instructions, with the offset, `>>` before
 * an instruction something jumps to, the mnemonic and its operands, and what a jump goes to
 * or which constant an index names.
 */
import * as path from 'node:path';
import type { Disassembly, LineInstruction } from './functions.js';
import type { TierCode } from './function-events.js';
import type { OptEvent } from './opt-trace.js';

// Mnemonics whose operand at this index is a constant-pool index (a name, a literal, a closure's code).
const CONSTANT_OPERAND: Record<string, number> = {
  LdaConstant: 0,
  LdaGlobal: 0,
  LdaGlobalInsideTypeof: 0,
  StaGlobal: 0,
  CreateClosure: 0,
  CreateObjectLiteral: 0,
  CreateArrayLiteral: 0,
  CreateRegExpLiteral: 0,
  LdaLookupGlobalSlot: 0,
  GetNamedProperty: 1,
  SetNamedProperty: 1,
  DefineNamedOwnProperty: 1,
  GetNamedPropertyFromSuper: 1,
};

/** The file as tables show it: relative to `cwd` when inside it. */
export function shownFile(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The disassembly of one function. */
export function renderDisassembly(fn: Disassembly, cwd: string): string {
  const targets = new Set(fn.instructions.flatMap((i) => (i.target === null ? [] : [i.target])));
  const out = [`Disassembly of ${fn.name} (${shownFile(fn.file, cwd)}:${fn.line}), ${fn.instructions.length} instructions, ${fn.registerCount} registers:`];
  let line = -1;
  for (const instruction of fn.instructions) {
    if (instruction.line !== line) {
      line = instruction.line;
      out.push(`${String(line).padStart(4)}  ${fn.source[line - 1]?.trim() ?? ''}`);
    }
    const mark = targets.has(instruction.offset) ? '>>' : '  ';
    const head = `      ${mark} ${String(instruction.offset).padStart(5)} ${instruction.mnemonic.padEnd(20)} `;
    out.push(`${head}${describe(instruction, fn)}`.trimEnd());
  }
  if (fn.unknown.length > 0) {
    out.push(`  (V8 printed ${fn.unknown.length} line(s) hotpath does not read; here they are as printed:)`, ...fn.unknown.map((line) => `  ${line}`));
  }
  return `${out.join('\n')}\n`;
}

function describe(instruction: LineInstruction, fn: Disassembly): string {
  let text = instruction.operands;
  if (instruction.target !== null) text += `${text ? ' ' : ''}(to ${instruction.target})`;
  const at = CONSTANT_OPERAND[instruction.mnemonic];
  if (at !== undefined) {
    const index = /^\[(\d+)\]$/.exec(instruction.operands.split(', ')[at] ?? '')?.[1];
    const constant = index === undefined ? undefined : fn.constants[Number(index)];
    if (constant !== undefined) text += ` (${readable(constant)})`;
  }
  return text;
}

// `<String[6]: #evolve>` -> `evolve`; `<SharedFunctionInfo step>` -> `function step`.
function readable(constant: string): string {
  const string = /^<(?:Internalized)?String\[\d+\]: #(.*)>$/.exec(constant);
  if (string) return string[1]!;
  const fn = /^<SharedFunctionInfo ?(.*)>$/.exec(constant);
  if (fn) return `function ${fn[1] || '(anonymous)'}`;
  return constant.replace(/^<|>$/g, '');
}

/** Instructions per line, and per loop (a `JumpLoop` back to its header: the body between). */
export interface Counts {
  lines: Array<{ line: number; count: number }>;
  total: number;
  loops: Array<{ line: number; from: number; to: number; count: number }>;
}

/** The instruction counts of a function (`--count`). */
export function countInstructions(fn: Disassembly): Counts {
  const byLine = new Map<number, number>();
  for (const i of fn.instructions) byLine.set(i.line, (byLine.get(i.line) ?? 0) + 1);
  const lineAt = new Map(fn.instructions.map((i) => [i.offset, i.line]));
  const loops = fn.instructions
    .filter((i) => i.mnemonic.startsWith('JumpLoop') && i.target !== null) // JumpLoop, JumpLoop.Wide
    .map((jump) => ({
      line: lineAt.get(jump.target!) ?? jump.line,
      from: jump.target!,
      to: jump.offset,
      count: fn.instructions.filter((i) => i.offset >= jump.target! && i.offset <= jump.offset).length,
    }));
  return { lines: [...byLine].map(([line, count]) => ({ line, count })).sort((a, b) => a.line - b.line), total: fn.instructions.length, loops };
}

/** The `--count` table of one function. */
export function renderCounts(fn: Disassembly, cwd: string): string {
  const counts = countInstructions(fn);
  const out = [`Instructions of ${fn.name} (${shownFile(fn.file, cwd)}:${fn.line})`, 'Line  Count  Source'];
  for (const { line, count } of counts.lines) out.push(`${String(line).padStart(4)}  ${String(count).padStart(5)}  ${fn.source[line - 1]?.trim() ?? ''}`);
  out.push(`Total: ${counts.total} instructions`);
  for (const loop of counts.loops) out.push(`Loop at line ${loop.line} (offsets ${loop.from}-${loop.to}): ${loop.count} instructions a pass`);
  return `${out.join('\n')}\n`;
}

/** `--compare A B`: two functions' counts side by side, line by line, then in total and per loop. */
export function renderComparison(a: Disassembly, b: Disassembly, cwd: string): string {
  const [ca, cb] = [countInstructions(a), countInstructions(b)];
  const width = 52;
  const cell = (fn: Disassembly, row?: { line: number; count: number }) =>
    row ? `${String(row.line).padStart(4)} ${String(row.count).padStart(4)}  ${fn.source[row.line - 1]?.trim() ?? ''}`.slice(0, width).padEnd(width) : ''.padEnd(width);
  const out = [
    `${`${a.name} (${shownFile(a.file, cwd)}:${a.line})`.padEnd(width)} | ${b.name} (${shownFile(b.file, cwd)}:${b.line})`,
    `${'Line Count  Source'.padEnd(width)} | Line Count  Source`,
  ];
  for (let i = 0; i < Math.max(ca.lines.length, cb.lines.length); i++) out.push(`${cell(a, ca.lines[i])} | ${cell(b, cb.lines[i])}`.trimEnd());
  out.push(`${`Total: ${ca.total}`.padEnd(width)} | Total: ${cb.total}`);
  const innermost = (c: Counts) => (c.loops.length ? Math.min(...c.loops.map((l) => l.count)) : null);
  const [la, lb] = [innermost(ca), innermost(cb)];
  if (la !== null || lb !== null) out.push(`${`Innermost loop body: ${la ?? '-'}`.padEnd(width)} | Innermost loop body: ${lb ?? '-'}`);
  return `${out.join('\n')}\n`;
}

/** `--opt`: what V8's optimising compiler did with the function, each deopt at its line. */
export function renderOptEvents(fn: Disassembly, events: readonly OptEvent[], tierCode: readonly TierCode[] = []): string {
  const own = events.filter((e) => e.sfi === fn.sfi);
  const out = [`V8's tiers for ${fn.name}:`];
  // The log gives the SharedFunctionInfo's address untagged, the printout tagged (its low bit set).
  const code = tierCode.filter((c) => (c.sfi | 1n) === (fn.sfi | 1n));
  // One line of when each tier first made code for it (ms since the process started).
  if (code.length > 0) out.push(`  compiled by ${code.map((c) => `${c.tier} at ${(c.timeUs / 1000).toFixed(1)} ms`).join(', then ')}`);
  if (own.length === 0) out.push('  never optimised (it ran in the interpreter, Ignition, and perhaps the baseline compiler, Sparkplug)');
  const lineAt = (offset: number) => fn.instructions.filter((i) => i.offset <= offset).at(-1)?.line ?? fn.line;
  const inlined = new Map<string, number>();
  for (const e of own) if (e.kind === 'inlined') inlined.set(e.inlined, (inlined.get(e.inlined) ?? 0) + 1);
  for (const e of own) {
    if (e.kind === 'inlined') continue;
    if (e.kind === 'marked') out.push(`  marked for ${e.tier}: ${e.reason}`);
    else if (e.kind === 'optimized') out.push(`  optimised by ${e.tier}${e.osr ? ' (on-stack replacement, in a running loop)' : ''}`);
    else {
      const line = lineAt(e.bytecodeOffset);
      out.push(`  deoptimised (${e.bailout}): ${e.reason}, line ${line}: ${fn.source[line - 1]?.trim() ?? ''}`);
    }
  }
  if (inlined.size > 0) out.push(`  inlined into it by TurboFan: ${[...inlined].map(([name, n]) => (n > 1 ? `${name} (${n} times, over its compilations)` : name)).join(', ')}`);
  return `${out.join('\n')}\n`;
}
