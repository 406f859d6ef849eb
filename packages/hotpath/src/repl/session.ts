/**
 * `hotpath repl`: Node's REPL (history, completion, `.help`, top-level `await`), with
 * TypeScript typed at the prompt (input.ts), `import` of the user's modules, TypeScript ones
 * through the runner's loader, and IPython's magics (magics.ts).
 *
 * Piped input (a script of REPL lines, a test) is fed to the REPL one line at a time, each
 * once the previous one has finished: Node's REPL reads ahead, so that a line after an
 * `await` would otherwise run before the awaited value arrives.
 */
import { createInterface } from 'node:readline';
import repl, { type REPLServer } from 'node:repl';
import { PassThrough } from 'node:stream';
import { runInThisContext } from 'node:vm';
import { registerTypeScript } from '../bench/typescript.js';
import { MagicUsageError, parseMagicArguments } from './arguments.js';
import { completeMagic } from './complete.js';
import { replJavaScript } from './input.js';
import type { Magic, MagicContext } from './magic.js';
import { MAGICS } from './magics.js';

/** Options of {@link startRepl}. */
export interface ReplOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** A terminal (line editing, colours, history); default: whether `output` is a TTY. */
  terminal?: boolean;
  /** Where the history is kept (terminal sessions); `null` for none. */
  historyFile?: string | null;
  prompt?: string;
}

type EvalCallback = (error: Error | null, value?: unknown) => void;
type Completer = (line: string, callback: (error: Error | null, result: [string[], string]) => void) => void;
type Evaluator = (code: string, context: object, file: string, callback: EvalCallback) => void;

/** Runs a session until its input ends or `.exit`; resolves with the exit code. */
export async function startRepl(options: ReplOptions = {}): Promise<number> {
  const output = options.output ?? process.stdout;
  const input = options.input ?? process.stdin;
  const terminal = options.terminal ?? Boolean((output as NodeJS.WriteStream).isTTY && (input as NodeJS.ReadStream).isTTY);
  registerTypeScript();
  const feed = terminal ? null : new PassThrough();
  if (terminal) output.write('hotpath repl: TypeScript, top-level await, imports of .ts modules; %magic lists the magics\n');
  const server = repl.start({ prompt: options.prompt ?? '> ', input: feed ?? input, output, terminal, useGlobal: true, ignoreUndefined: true });
  const ready = watchPrompts(server);
  installMagics(server, output);
  if (terminal && options.historyFile) await setupHistory(server, options.historyFile);
  // The session's code is what its statements set `process.exitCode` to: embedded in a
  // process that had set one already (a test runner after a failure), that one is not the session's.
  const before = process.exitCode;
  const ended = new Promise<number>((resolve) => server.on('exit', () => resolve(process.exitCode === before ? 0 : Number(process.exitCode ?? 0))));
  if (feed) void feedLines(input, feed, ready);
  return ended;
}

/** Resolves `next()` each time the REPL shows its prompt: it has finished the last line. */
function watchPrompts(server: REPLServer): { next(): Promise<void> } {
  let waiting: (() => void) | null = null;
  const display = server.displayPrompt.bind(server);
  server.displayPrompt = (preserveCursor?: boolean) => {
    display(preserveCursor);
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  return { next: () => new Promise<void>((resolve) => (waiting = resolve)) };
}

async function feedLines(input: NodeJS.ReadableStream, feed: PassThrough, ready: { next(): Promise<void> }): Promise<void> {
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    const done = ready.next();
    feed.write(`${line}\n`);
    await done;
  }
  feed.end();
}

function installMagics(server: REPLServer, output: NodeJS.WritableStream): void {
  const nodeEval = server.eval as unknown as Evaluator;
  const prepare = async (code: string): Promise<() => Promise<unknown>> => {
    const js = await replJavaScript(code);
    return () => new Promise((resolve, reject) => nodeEval(js, server.context, 'REPL', (error, value) => (error ? reject(error) : resolve(value))));
  };
  const context: MagicContext = { prepare, compileLoop, write: (text) => output.write(text), magics: MAGICS };
  (server as unknown as { eval: Evaluator }).eval = (code, replContext, file, callback) => {
    const magic = /^\s*%/.test(code) ? code.trimStart() : null;
    if (magic === null) {
      replJavaScript(code).then((js) => nodeEval(js, replContext, file, callback), callback);
      return;
    }
    if (magic.startsWith('%%') && !/\n\s*\n$/.test(magic)) return callback(new repl.Recoverable(new SyntaxError('the cell ends at a blank line')));
    runMagic(magic, context).then(
      (value) => callback(null, value),
      (error: unknown) => {
        if (error instanceof MagicUsageError) {
          output.write(`UsageError: ${error.message}\n`);
          return callback(null);
        }
        callback(error as Error);
      },
    );
  };
  // Readline calls the instance's `completer` at each tab: magics first, then Node's own.
  const completing = server as unknown as { completer: Completer };
  const nodeComplete = completing.completer.bind(server);
  completing.completer = (line, callback) => {
    if (/^\s*%/.test(line)) return callback(null, completeMagic(line, MAGICS));
    nodeComplete(line, callback);
  };
}

/** Runs `%name args` or `%%name args\ncell`. */
export async function runMagic(text: string, context: MagicContext): Promise<unknown> {
  const cell = text.startsWith('%%');
  const [first, ...rest] = text.slice(cell ? 2 : 1).split('\n');
  const name = /^\S*/.exec(first!)![0];
  const magic: Magic | undefined = context.magics.find((m) => m.name === name || m.aliases?.includes(name));
  if (!magic) {
    const names = context.magics.filter((m) => !cell || m.cell).map((m) => `${cell ? '%%' : '%'}${m.name}`);
    throw new MagicUsageError(`${cell ? 'Cell' : 'Line'} magic function \`%${cell ? '%' : ''}${name}\` not found; there are ${names.join(', ')}`);
  }
  if (cell && !magic.cell) throw new MagicUsageError(`%%${name} is a line magic only: %${name} stmt`);
  const args = parseMagicArguments(first!.slice(name.length), magic.options, `%${magic.name}`);
  return magic.run(args, context, cell ? rest.join('\n').trim() : undefined);
}

/** A timed loop of `statement` in the session's global scope: it sees what the prompt declared. */
async function compileLoop(statement: string, setup = ''): Promise<(n: number) => Promise<number>> {
  const body = await replJavaScript(statement);
  const before = await replJavaScript(setup);
  const async = /\bawait\b/.test(body + before) ? 'async ' : '';
  const source =
    `(${async}function ($hpN) {\n${before}\nconst $hpStart = process.hrtime.bigint();\n` +
    `for (let $hpI = 0; $hpI < $hpN; $hpI++) {\n${body}\n}\nreturn Number(process.hrtime.bigint() - $hpStart);\n})`;
  const loop = runInThisContext(source, { filename: '%timeit' }) as (n: number) => number | Promise<number>;
  return async (n) => loop(n);
}

function setupHistory(server: REPLServer, file: string): Promise<void> {
  return new Promise((resolve) =>
    server.setupHistory(file, (error) => {
      if (error) process.stderr.write(`hotpath repl: no history (${error.message})\n`);
      resolve();
    }),
  );
}
