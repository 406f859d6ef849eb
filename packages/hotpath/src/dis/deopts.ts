/**
 * `hotpath dis --deopts`: every deoptimisation of the program, from V8's `--log-deopt` log,
 * whose `code-deopt` lines give the position in the code V8 ran and the reason:
 *
 * ```text
 * code-deopt,133324,256,0x7f64aefc6a00,-1,28,deopt-eager,<file:///tmp/dis/deopt.mjs:1:29>,wrong map
 * ```
 *
 * Positions are mapped to the file's lines (through the loader's source map where TypeScript
 * was compiled) and named by the function around them.
 */
import { functionAt, readScript, type ScriptInfo } from './functions.js';
import { shownFile } from './format.js';

/** One deopt, as logged. */
export interface LoggedDeopt {
  url: string;
  /** 1-based line and column in the code V8 ran. */
  line: number;
  column: number;
  bailout: string;
  reason: string;
}

/** The `code-deopt` lines of a log. */
export function parseDeoptLog(log: string): LoggedDeopt[] {
  const deopts: LoggedDeopt[] = [];
  for (const line of log.split('\n')) {
    const match = /^code-deopt,(?:[^,]*,){5}([\w-]+),<(.*):(\d+):(\d+)>,(.*)$/.exec(line);
    if (match) deopts.push({ bailout: match[1]!, url: match[2]!, line: Number(match[3]), column: Number(match[4]), reason: match[5]! });
  }
  return deopts;
}

/** Deopts of one place for one reason. */
export interface DeoptRow {
  count: number;
  name: string;
  file: string;
  line: number;
  reason: string;
  bailout: string;
  source: string;
}

/** The program's deopts (in its own files), by place and reason, most frequent first. */
export function deoptRows(deopts: readonly LoggedDeopt[], ran: ReadonlyMap<string, string>): DeoptRow[] {
  const scripts = new Map<string, ScriptInfo | null>();
  const rows = new Map<string, DeoptRow>();
  for (const d of deopts) {
    if (!/^(file:|\/)/.test(d.url) || /[\\/]node_modules[\\/]/.test(d.url)) continue;
    if (!scripts.has(d.url)) scripts.set(d.url, readScript(d.url, ran.get(d.url)));
    const script = scripts.get(d.url);
    if (!script) continue;
    const offset = script.lines.offset(d.line - 1, d.column - 1);
    const line = script.mapped?.original(d.line, d.column - 1)?.line ?? d.line;
    const name = functionAt(script, offset);
    const key = `${script.file}:${line}:${d.reason}`;
    const row = rows.get(key) ?? { count: 0, name, file: script.file, line, reason: d.reason, bailout: d.bailout, source: script.text.split('\n')[line - 1]?.trim() ?? '' };
    row.count++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => b.count - a.count || a.file.localeCompare(b.file) || a.line - b.line);
}

/** The `--deopts` table. */
export function renderDeopts(rows: readonly DeoptRow[], cwd: string): string {
  if (rows.length === 0) return "No deoptimisations in the program's own files.\n";
  const out = ['Deopts  Function (file:line)                       Reason                        Source'];
  for (const r of rows) {
    const where = `${r.name} (${shownFile(r.file, cwd)}:${r.line})`;
    out.push(`${String(r.count).padStart(6)}  ${where.padEnd(42)} ${`${r.reason} (${r.bailout})`.padEnd(29)} ${r.source}`);
  }
  return `${out.join('\n')}\n`;
}
