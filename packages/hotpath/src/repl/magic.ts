/** What every magic is: its name, its options, and what it runs. */
import type { MagicArguments, OptionSpec } from './arguments.js';

/** What a magic can do in the session it runs in. */
export interface MagicContext {
  /**
   * Prepares TypeScript or JavaScript to run as if typed at the prompt (declarations stay,
   * `await` works); the returned function runs it and resolves with its value. Preparing
   * (blanking types, rewriting imports) is kept out of what a magic times or profiles.
   */
  prepare(code: string): Promise<() => Promise<unknown>>;
  /**
   * Compiles `statement` into a timed loop in the session's global scope (it sees what was
   * declared at the prompt): `loop(n)` runs it `n` times between two clock reads, in ns.
   */
  compileLoop(statement: string, setup?: string): Promise<(n: number) => Promise<number>>;
  /** Writes to the session's output. */
  write(text: string): void;
  /** The session's magics, for `%magic`. */
  magics: readonly Magic[];
}

/** A line magic (`%timeit stmt`), and a cell magic too where {@link Magic.cell} is set. */
export interface Magic {
  name: string;
  /** Other names it answers to (`lsmagic` for `magic`). */
  aliases?: readonly string[];
  /** One line for `%magic`. */
  summary: string;
  options: readonly OptionSpec[];
  /** Whether `%%name` works: the lines after it, up to a blank line, are the cell. */
  cell?: boolean;
  /**
   * Runs the magic. For a cell magic, `cell` holds the lines after the first, and the
   * first line's statement is the setup (as IPython's `%%timeit setup`). What it returns
   * the REPL prints, as IPython prints `Out[]` (`undefined` prints nothing).
   */
  run(args: MagicArguments, context: MagicContext, cell?: string): Promise<unknown>;
}
