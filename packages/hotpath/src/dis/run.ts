/**
 * Runs the program with V8 printing its bytecode: `node --print-bytecode` (filtered to the
 * picked functions' names) and `--log-function-events` (where each compiled function is),
 * through hotpath's loader, so TypeScript runs with its types blanked in place and V8's
 * offsets are the file's own. V8 compiles a function when it is first called, so only
 * functions that ran are printed (with `--no-lazy` V8 compiles eagerly, but its function
 * events then no longer pair with the printout one for one: not offered).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REGISTER_MODULE } from '../bench/typescript.js';
import { placeFunctions, type Disassembly } from './functions.js';
import { parseFunctionEvents } from './function-events.js';
import { parsePrintout } from './v8-bytecode.js';

/** What a run gave. */
export interface DisRun {
  functions: Disassembly[];
  /** V8's names of every function compiled in the program's own files (not node_modules), for telling what exists. */
  compiledNames: string[];
  /** What else reached stdout (the program's own output goes to stderr: stdout-to-stderr.ts). */
  output: string;
  exitCode: number | null;
  signal: string | null;
}

/** Options of {@link runForBytecode}. */
export interface DisRunOptions {
  /** V8's filter: a function's short name, or `*` for every function. */
  filter: string;
  cwd?: string;
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
    '--import', new URL('./stdout-to-stderr.js', import.meta.url).href,
    '--import', REGISTER_MODULE.href,
    '--print-bytecode', `--print-bytecode-filter=${options.filter}`,
    '--log-function-events', `--logfile=${log}`, '--no-logfile-per-isolate',
  ];
  try {
    const sourcesFile = path.join(dir, 'sources.json');
    const env = { ...process.env, HOTPATH_DIS_SOURCES: sourcesFile };
    const child = spawn(process.execPath, [...flags, script, ...args], { cwd: options.cwd, env, stdio: ['inherit', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
    const printout = parsePrintout(Buffer.concat(chunks).toString('utf8'));
    let logText = '';
    try {
      logText = readFileSync(log, 'utf8');
    } catch {
      // no log: the process died before V8 wrote it
    }
    const events = parseFunctionEvents(logText);
    const functions = placeFunctions(printout.functions, events, readSources(sourcesFile));
    const own = (id: number) => /^(file:|\/)/.test(events.scripts.get(id) ?? '') && !/[\\/]node_modules[\\/]/.test(events.scripts.get(id)!);
    const compiledNames = [...new Set(events.compiled.filter((e) => own(e.scriptId) && e.name !== '').map((e) => e.name))];
    return { functions, compiledNames, output: printout.other.join('\n').replace(/\n+$/, ''), exitCode, signal };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
