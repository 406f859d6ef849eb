/**
 * A compact reader of V8's `--prof` log (the format Node's `--prof-process`, V8's
 * tools/tickprocessor.mjs, reads): the ticks, each with its whole stack resolved to
 * (script, source offset) frames, and the sources of the scripts asked for.
 *
 * Lines read (fields comma-separated; commas inside strings are escaped as `\x2C`):
 * - `code-creation,TYPE,KIND,TIME,ADDR,SIZE,NAME[,SFI,STATE]`: STATE `~` is bytecode
 *   (interpreted), `^` baseline, `*` (and `+`) optimised code;
 * - `code-source-info,ADDR,SCRIPT,START,END,POSITIONS,INLININGS,FNS`: POSITIONS is
 *   `C<codeOffset>O<sourceOffset>[I<inliningId>]...`, INLININGS `F<fn>O<callOffset>[I<parent>]...`,
 *   FNS `S<sfiAddress>...` (the inlined functions);
 * - `code-move,FROM,TO`, `code-delete,ADDR`, `sfi-move,FROM,TO`;
 * - `script-source,ID,URL,SOURCE`;
 * - `tick,PC,TIME,IS_EXTERNAL_CALLBACK,TOS_OR_CALLBACK,VM_STATE,STACK...`: STACK holds return
 *   addresses, and for interpreted frames the address of the bytecode being executed.
 */
import { CodeMap, framesAt, type CodeEntry, type SourceFrame } from './code-map.js';

/** A tick: when (µs since the log started) and its frames, innermost first. */
export interface Tick {
  time: number;
  frames: SourceFrame[];
}

/** What a log holds, for the scripts asked for. */
export interface V8Log {
  ticks: Tick[];
  /** Script id -> URL and source (as V8 ran it), for the scripts `wantScript` accepted. */
  scripts: Map<number, { url: string; source: string }>;
  /** Script id -> URL, for every script. */
  urls: Map<number, string>;
}

const JS_TYPES = new Set(['JS', 'Script', 'Eval', 'Function', 'LazyCompile']);

/** Reads a log; `wantScript(url)` picks the scripts whose sources are kept. */
export function readV8Log(text: string, wantScript: (url: string) => boolean): V8Log {
  const reader = new LogReader(wantScript);
  let from = 0;
  while (from < text.length) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    reader.line(text.slice(from, end));
    from = end + 1;
  }
  return { ticks: reader.ticks, scripts: reader.scripts, urls: reader.urls };
}

class LogReader {
  readonly code = new CodeMap();
  readonly ticks: Tick[] = [];
  readonly scripts = new Map<number, { url: string; source: string }>();
  readonly urls = new Map<number, string>();
  constructor(private readonly wantScript: (url: string) => boolean) {}

  line(line: string): void {
    const comma = line.indexOf(',');
    const kind = line.slice(0, comma);
    if (kind === 'tick') this.tick(line.split(','));
    else if (kind === 'code-creation') this.creation(line.split(','));
    else if (kind === 'code-source-info') this.sourceInfo(line.split(','));
    else if (kind === 'code-move') this.code.move(hex(line.split(',')[1]), hex(line.split(',')[2]));
    else if (kind === 'code-delete') this.code.remove(hex(line.split(',')[1]));
    else if (kind === 'sfi-move') this.sfiMove(line.split(','));
    else if (kind === 'script-source') this.script(line);
  }

  private creation(fields: string[]): void {
    if (!JS_TYPES.has(fields[1]!) || fields.length < 9) return;
    const entry: CodeEntry = {
      start: hex(fields[4]),
      size: Number(fields[5]),
      interpreted: fields[8] === '~',
      script: -1,
      positions: [],
      inlinings: [],
      functions: [],
    };
    this.code.add(entry);
    this.sfiOf.set(entry.start, hex(fields[7]));
  }

  private readonly sfiOf = new Map<number, number>();

  private sourceInfo(fields: string[]): void {
    const entry = this.code.get(hex(fields[1]));
    if (!entry) return;
    entry.script = Number(fields[2]);
    const sfi = this.sfiOf.get(entry.start);
    if (sfi !== undefined) this.code.sfiScripts.set(sfi, entry.script);
    entry.positions = parsePositions(fields[5] ?? '');
    entry.inlinings = parseInlinings(fields[6] ?? '');
    entry.functions = (fields[7] ?? '')
      .split('S')
      .filter((s) => s !== '')
      .map(hex);
  }

  private sfiMove(fields: string[]): void {
    const from = hex(fields[1]);
    const script = this.code.sfiScripts.get(from);
    if (script !== undefined) this.code.sfiScripts.set(hex(fields[2]), script);
  }

  private script(line: string): void {
    const first = line.indexOf(',');
    const second = line.indexOf(',', first + 1);
    const third = line.indexOf(',', second + 1);
    const url = unescapeLog(line.slice(second + 1, third));
    this.urls.set(Number(line.slice(first + 1, second)), url);
    if (!this.wantScript(url)) return;
    this.scripts.set(Number(line.slice(first + 1, second)), { url, source: unescapeLog(line.slice(third + 1)) });
  }

  private tick(fields: string[]): void {
    // The pc first (exact), then the stack: return addresses, and bytecode addresses for
    // interpreted frames. V8 may write a stack entry relative to the previous one (the
    // first: to the pc), as tickprocessor.mjs reads them.
    const addresses = [hex(fields[1])];
    let previous = addresses[0]!;
    for (let i = 6; i < fields.length; i++) addresses.push((previous = relative(fields[i]!, previous)));
    const frames: SourceFrame[] = [];
    addresses.forEach((address, i) => {
      const entry = Number.isNaN(address) ? null : this.code.find(address);
      if (entry) frames.push(...framesAt(entry, address, i > 0, this.code.sfiScripts));
    });
    this.ticks.push({ time: Number(fields[2]), frames });
  }
}

function relative(text: string, previous: number): number {
  if (text.startsWith('+')) return previous + hex(text.slice(1));
  if (text.startsWith('-')) return previous - hex(text.slice(1));
  return hex(text);
}

function hex(text: string | undefined): number {
  return text ? parseInt(text, 16) : NaN;
}

function parsePositions(text: string): number[] {
  const out: number[] = [];
  const pattern = /C(\d+)O(\d+)(?:I(\d+))?/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push(Number(m[1]), Number(m[2]), m[3] === undefined ? -1 : Number(m[3]));
  return out;
}

function parseInlinings(text: string): CodeEntry['inlinings'] {
  const out: CodeEntry['inlinings'] = [];
  const pattern = /F(\d+)O(\d+)(?:I(\d+))?/g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push({ fn: Number(m[1]), offset: Number(m[2]), parent: m[3] === undefined ? -1 : Number(m[3]) });
  return out;
}

/** Undoes the log's escapes: `\x2C` (commas), `\n`, `\\`, `\xHH` and `\uHHHH`. */
export function unescapeLog(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|(n)|(\\))/g, (_, x: string, u: string, n: string) =>
    x ? String.fromCharCode(parseInt(x, 16)) : u ? String.fromCharCode(parseInt(u, 16)) : n ? '\n' : '\\',
  );
}
