/**
 * Runs the program with V8 printing its bytecode: `node --print-bytecode` (filtered to the
 * picked functions' names) and `--log-function-events` (where each compiled function is),
 * through hotpath's loader, so TypeScript runs with its types blanked in place and V8's
 * offsets are the file's own. V8 compiles a function when it is first called, so only
 * functions that ran are printed (with `--no-lazy` V8 compiles eagerly, but its function
 * events then no longer pair with the printout one for one: not offered).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REGISTER_MODULE } from '../bench/typescript.js';
import { isOwnUrl } from '../runner/own-code.js';
import { placeFunctions, type Disassembly } from './functions.js';
import { parseFunctionEvents, parseTierCode, type TierCode } from './function-events.js';
import { deoptRows, parseDeoptLog, type DeoptRow } from './deopts.js';
import { parseOptTrace, type OptEvent } from './opt-trace.js';
import { parsePrintout } from './v8-bytecode.js';

/** What a run gave. */
export interface DisRun {
  functions: Disassembly[];
  /** V8's names of every function compiled in the program's own files (not node_modules), for telling what exists. */
  compiledNames: string[];
  /** The optimising compiler's events (with `opt`). */
  optEvents: OptEvent[];
  /** The code each tier made, and when (with `opt`). */
  tierCode: TierCode[];
  /** What else reached stdout (the program's own output goes to stderr: stdout-to-stderr.ts). */
  output: string;
  exitCode: number | null;
  signal: string | null;
}

/** Options of {@link runForBytecode}. */
export interface DisRunOptions {
  /** V8's filter: a function's short name, or `*` for every function. */
  filter: string;
  /** Also trace the optimising compiler (`--trace-opt --trace-deopt`). */
  opt?: boolean;
  cwd?: string;
}

/** The texts of V8's logs in `dir`, one per isolate (`isolate-0x...-PID-v8.log`). */
function isolateLogs(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^isolate-.*-v8\.log$/.test(name))
    .map((name) => readFileSync(path.join(dir, name), 'utf8'));
}

function fileURLToPathSafe(url: string): string {
  return url.startsWith('file:') ? fileURLToPath(url) : url;
}

function readSources(file: string): Map<number, string> {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { source: string }>;
    return new Map(Object.entries(json).map(([id, { source }]) => [Number(id), source]));
  } catch {
    return new Map();
  }
}

/** Runs `node script ...args` and returns the bytecode of the functions of the program's files. */
export async function runForBytecode(script: string, args: readonly string[], options: DisRunOptions): Promise<DisRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-dis-'));
  const log = path.join(dir, 'v8.log');
  const flags = [
    '--import',
    new URL('./stdout-to-stderr.js', import.meta.url).href,
    '--import',
    REGISTER_MODULE.href,
    '--print-bytecode',
    `--print-bytecode-filter=${options.filter}`,
    '--log-function-events',
    `--logfile=${log}`,
    ...(options.opt ? ['--trace-opt', '--trace-deopt', '--trace-turbo-inlining', '--log-code'] : []),
  ];
  try {
    const sourcesFile = path.join(dir, 'sources.json');
    const env = { ...process.env, HOTPATH_DIS_SOURCES: sourcesFile };
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd: options.cwd, env, stdio: ['inherit', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    const stdout = Buffer.concat(chunks).toString('utf8');
    const printout = parsePrintout(stdout);
    // One log per isolate (the loader's thread has its own): the program's is the one that ran the script.
    const scriptUrl = pathToFileURL(path.resolve(options.cwd ?? process.cwd(), script)).href;
    const texts = isolateLogs(dir);
    const logs = texts.map(parseFunctionEvents);
    const events = logs.find((e) => [...e.scripts.values()].some((url) => url === scriptUrl || url === fileURLToPathSafe(scriptUrl))) ?? logs[0] ?? parseFunctionEvents('');
    const functions = placeFunctions(printout.functions, events, readSources(sourcesFile));
    // The program's own functions: not Node's, its packages' or hotpath's (the loader's, run in the program).
    const own = (id: number) => {
      const url = events.scripts.get(id) ?? '';
      return /^(file:|\/)/.test(url) && !/[\\/]node_modules[\\/]/.test(url) && !isOwnUrl(url);
    };
    const compiledNames = [...new Set(events.compiled.filter((e) => own(e.scriptId) && e.name !== '').map((e) => e.name))];
    return {
      functions,
      compiledNames,
      optEvents: options.opt ? parseOptTrace(stdout) : [],
      tierCode: options.opt ? texts.flatMap(parseTierCode) : [],
      output: printout.other.join('\n').replace(/\n+$/, ''),
      exitCode,
      signal,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the program with V8 logging its deopts; the program's deopts by place and reason. */
export async function runForDeopts(script: string, args: readonly string[], cwd?: string): Promise<{ rows: DeoptRow[]; exitCode: number | null }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hotpath-dis-'));
  const log = path.join(dir, 'v8.log');
  const sourcesFile = path.join(dir, 'sources.json');
  const flags = ['--import', new URL('./stdout-to-stderr.js', import.meta.url).href, '--import', REGISTER_MODULE.href, '--log-deopt', `--logfile=${log}`];
  try {
    // V8 prints each deopt on stdout too: dropped (the program's stdout is its stderr here).
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd, env: { ...process.env, HOTPATH_DIS_SOURCES: sourcesFile }, stdio: ['inherit', 'ignore', 'inherit'] });
    const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const text = isolateLogs(dir).join('\n');
    const byUrl = new Map<string, string>();
    try {
      for (const { url, source } of Object.values(JSON.parse(readFileSync(sourcesFile, 'utf8')) as Record<string, { url: string; source: string }>)) byUrl.set(url, source);
    } catch {
      // the program died before the preload wrote them: the files are read instead
    }
    return {
      rows: deoptRows(
        parseDeoptLog(text).filter((d) => !isOwnUrl(d.url)),
        byUrl,
      ),
      exitCode,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
