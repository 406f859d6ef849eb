/**
 * From V8's printout and its function events to functions of the user's files: each printed
 * function matched to the compile event it came from (the k-th `add` printed is the k-th `add`
 * compiled), named as hotpath names functions everywhere (`ParticleSimulator.evolve`), and
 * each instruction given the line of the source it comes from.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LineIndex } from '../capture/positions.js';
import { MappedCode, sourceMapOf } from '../capture/source-maps.js';
import * as acorn from 'acorn';
import blank from 'ts-blank-space';
import { isFunction, walkWithAncestors } from '../capture/instrument/ast.js';
import { functionName } from '../capture/instrument/names.js';
import type { CompiledFunction, FunctionEvents } from './function-events.js';
import type { Instruction, PrintedFunction } from './v8-bytecode.js';

/** An instruction with its source line (1-based; the line of the last position before it). */
export interface LineInstruction extends Instruction {
  line: number;
}

/** One function's bytecode, placed in its file. */
export interface Disassembly {
  /** As hotpath names it: `ParticleSimulator.evolve`, `(anonymous)`. */
  name: string;
  /** Its SharedFunctionInfo's address (pairs it with --trace-opt events). */
  sfi: bigint;
  file: string;
  /** 1-based first line. */
  line: number;
  registerCount: number;
  parameterCount: number;
  instructions: LineInstruction[];
  constants: string[];
  /** Lines of V8's printout the parser did not know (shown raw). */
  unknown: string[];
  /** The lines of the file, for showing them. */
  source: string[];
}

/** The printed functions that belong to a file of the program (not Node's), placed. */
export function placeFunctions(printed: readonly PrintedFunction[], events: FunctionEvents, ran: ReadonlyMap<number, string> = new Map()): Disassembly[] {
  const byName = new Map<string, CompiledFunction[]>();
  for (const event of events.compiled) {
    const list = byName.get(event.name);
    if (list) list.push(event);
    else byName.set(event.name, [event]);
  }
  const used = new Map<string, number>();
  const scripts = new Map<number, ScriptInfo | null>();
  const placed: Disassembly[] = [];
  for (const fn of printed) {
    const k = used.get(fn.name) ?? 0;
    used.set(fn.name, k + 1);
    const event = byName.get(fn.name)?.[k];
    const url = event && events.scripts.get(event.scriptId);
    if (!event || !(url?.startsWith('file:') || url?.startsWith('/'))) continue;
    if (!scripts.has(event.scriptId)) scripts.set(event.scriptId, readScript(url, ran.get(event.scriptId)));
    const script = scripts.get(event.scriptId);
    if (script) placed.push(place(fn, event, script));
  }
  return placed;
}

/** A script of the program as V8 ran it, with what places its offsets in the file. */
export interface ScriptInfo {
  file: string;
  /** What V8 ran: its offsets are the printout's. */
  code: string;
  /** The file's own text, whose lines are shown. */
  text: string;
  /** The map from {@link code} to the file, where the loader compiled it. */
  mapped: MappedCode | null;
  /** Every function's range in {@link code}, with its name. */
  ranges: FunctionRange[];
  /** Lines and columns of {@link code}'s offsets. */
  lines: LineIndex;
  /** Function names by the offset V8 reports as a function's start. */
  names: Map<number, string>;
}

interface FunctionRange {
  start: number;
  end: number;
  name: string;
}

/**
 * A script as V8 ran it: the code the program's process reported (the loader's output), else
 * the file (types blanked, as the loader blanks them in place). Where the code has a source
 * map (TypeScript the loader compiled), lines are mapped to the file's.
 */
export function readScript(url: string, ran: string | undefined): ScriptInfo | null {
  const file = url.startsWith('file:') ? fileURLToPath(url) : url;
  let code = ran;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  code ??= /\.[cm]?tsx?$/.test(file) ? blank(text) : text;
  const lines = new LineIndex(code);
  const { ranges, names } = functionTable(code);
  let mapped: MappedCode | null = null;
  try {
    const map = sourceMapOf(code, pathToFileURL(file).href);
    mapped = map ? new MappedCode(map.text, map.url) : null;
  } catch {
    // a map the code names but that is missing or broken (a package's): lines as run
  }
  // Compiled code with a map (tsc's output, or what the loader compiled): lines and source are the original's.
  const original = mapped?.originalLine(1)?.file ?? mapped?.original(1, 0)?.file;
  if (original && original !== file) {
    try {
      return { file: original, code, text: readFileSync(original, 'utf8'), lines, names, mapped, ranges };
    } catch {
      // the original is not on disk: the compiled file's lines are shown
    }
  }
  return { file, code, text, lines, names, mapped, ranges };
}

/** The name of the innermost function around `offset` of the script's code; `<module>` outside any. */
export function functionAt(script: ScriptInfo, offset: number): string {
  let best: FunctionRange | null = null;
  for (const range of script.ranges) {
    if (range.start <= offset && offset < range.end && (!best || range.start >= best.start)) best = range;
  }
  return best?.name ?? '<module>';
}

/**
 * Every function of the code, parsed once: its range and name, and its name by the offset V8
 * reports as its start (the parameter list's `(`, an arrow's bare parameter otherwise).
 */
function functionTable(code: string): { ranges: FunctionRange[]; names: Map<number, string> } {
  const ranges: FunctionRange[] = [];
  const names = new Map<number, string>();
  let ast: acorn.Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, allowReturnOutsideFunction: true });
  } catch {
    return { ranges, names }; // code acorn cannot read: V8's names, and deopts there named <module>
  }
  walkWithAncestors(ast, (node, ancestors) => {
    if (!isFunction(node)) return;
    const name = functionName(node, ancestors, code);
    ranges.push({ start: node.start, end: node.end, name });
    const from = node.type === 'FunctionDeclaration' || (node.type === 'FunctionExpression' && node.id) ? node.id!.end : node.start;
    const paren = code.indexOf('(', from);
    names.set(paren >= 0 && paren < (node.params[0]?.start ?? node.body.start) ? paren : node.start, name);
    names.set(node.start, names.get(node.start) ?? name);
  });
  return { ranges, names };
}

function place(fn: PrintedFunction, event: CompiledFunction, script: ScriptInfo): Disassembly {
  const lineOf = (offset: number): number => {
    const [line, column] = script.lines.position(offset);
    return script.mapped?.original(line + 1, column)?.line ?? line + 1;
  };
  let line = lineOf(event.start);
  const instructions = fn.instructions.map((instruction) => {
    if (instruction.position !== null) line = lineOf(instruction.position);
    return { ...instruction, line };
  });
  return {
    name: script.names.get(event.start) ?? (fn.name || '(anonymous)'),
    sfi: fn.sfi,
    file: script.file,
    line: lineOf(event.start),
    registerCount: fn.registerCount,
    parameterCount: fn.parameterCount,
    instructions,
    constants: fn.constants,
    unknown: fn.unknown,
    source: script.text.split('\n'),
  };
}
