/**
 * `hotpath timeit` statements and setup, compiled once into a module, as Python's timeit
 * compiles its template:
 *
 * ```js
 * import { benchmark } from './taylor.ts';          // the setup's imports, hoisted
 * export function inner(n, clock) {
 *   ...the rest of the setup...                     // run before each repeat, untimed
 *   const start = clock();
 *   for (let i = 0; i < n; i++) { STATEMENT }       // the statement inlined in the loop
 *   return Number(clock() - start);
 * }
 * ```
 *
 * The module is written next to the working directory (a hidden file, removed once loaded) so
 * that relative imports and packages resolve as they would from a script there. TypeScript
 * types are blanked with ts-blank-space; `.ts` imports go through the runner's hooks. With
 * `await` in the statement or setup the function is async and each repeat is awaited.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseModule } from 'acorn';
import type { Clock } from './clock.js';
import { isTypeScript, registerTypeScript } from './typescript.js';

/** The statement or setup is not valid JavaScript or TypeScript. */
export class TimeitSourceError extends SyntaxError {
  override name = 'TimeitSourceError';
}

/** Times `number` executions of the statement (and, `empty`, of an empty loop), in ns. */
export interface CompiledStatement {
  time(number: number): Promise<number>;
  /** The same loop with no statement: the loop's own cost. */
  empty(number: number): Promise<number>;
}

type Inner = (n: number, clock: Clock) => number | Promise<number>;

interface Program {
  body: Array<{ type: string; start: number; end: number; source?: { value: unknown } }>;
}

/**
 * Compiles `statement` with `setup` in a module loaded from `dir`.
 * @throws TimeitSourceError for code that does not parse.
 */
export async function compileStatement(statement: string, setup: string, dir: string, clock: Clock): Promise<CompiledStatement> {
  const statementJs = await toJavaScript(statement, 'statement');
  const setupJs = await toJavaScript(setup, 'setup');
  const setupProgram = parse(setupJs, 'setup');
  if (parse(statementJs, 'statement').body.some((node) => node.type === 'ImportDeclaration')) {
    throw new TimeitSourceError('statement: imports belong in the setup (-s)');
  }
  const imports = setupProgram.body.filter((node) => node.type === 'ImportDeclaration');
  if (imports.some((node) => isTypeScript(String(node.source?.value)))) registerTypeScript();
  const source = moduleSource(statementJs, setupJs, imports);
  const module = await importTemporary(source, dir);
  const inner = module.inner as Inner;
  const empty = module.empty as Inner;
  return { time: async (n) => inner(n, clock), empty: async (n) => empty(n, clock) };
}

function moduleSource(statement: string, setup: string, imports: Program['body']): string {
  const hoisted = imports.map((node) => setup.slice(node.start, node.end)).join('\n');
  // The rest of the setup: the import declarations blanked out, every other position kept.
  let rest = setup;
  for (const node of imports) rest = rest.slice(0, node.start) + ' '.repeat(node.end - node.start) + rest.slice(node.end);
  const async = /\bawait\b/.test(statement) || /\bawait\b/.test(rest) ? 'async ' : '';
  const loop = (body: string) =>
    `const $hotpathStart = $hotpathClock();\n` + `for (let $hotpathI = 0; $hotpathI < $hotpathN; $hotpathI++) {\n${body}\n}\n` + `return Number($hotpathClock() - $hotpathStart);`;
  const fn = (name: string, body: string) => `export ${async}function ${name}($hotpathN, $hotpathClock) {\n${rest}\n${loop(body)}\n}\n`;
  return `${hoisted}\n${fn('inner', statement)}${fn('empty', '')}`;
}

async function toJavaScript(code: string, what: string): Promise<string> {
  if (tryParse(code) === null) return code;
  const { default: blank } = await import('ts-blank-space');
  let unsupported = false;
  const js = blank(code, () => {
    unsupported = true;
  });
  if (unsupported) throw new TimeitSourceError(`${what}: TypeScript that needs compiling (enum, namespace, parameter property) is not supported`);
  return js;
}

function parse(code: string, what: string): Program {
  const failure = tryParse(code);
  if (failure !== null) throw new TimeitSourceError(`${what}: ${failure}`);
  return acornParse(code);
}

// null when `code` parses as a module, else the parser's message.
function tryParse(code: string): string | null {
  try {
    acornParse(code);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

function acornParse(code: string): Program {
  return parseModule(code, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true }) as unknown as Program;
}

async function importTemporary(source: string, dir: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, `.hotpath-timeit-${process.pid}-${Date.now()}.mjs`);
  fs.writeFileSync(file, source, { flag: 'wx' });
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    // "Cannot find module './x.js' imported from /cwd/.hotpath-timeit-1-2.mjs": name the setup.
    if (error instanceof Error) error.message = error.message.split(url).join('the setup').split(file).join('the setup');
    throw error;
  } finally {
    fs.rmSync(file, { force: true });
  }
}
