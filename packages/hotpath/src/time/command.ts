/**
 * What `hotpath time` runs: a command given as words (`hotpath time node x.js`, run without
 * a shell, as `time` runs it) or as shell lines (`hotpath time 'node a.js' 'node b.js'`, each
 * run by the shell, as hyperfine runs them). A script file given as the command runs with the
 * current node, TypeScript through hotpath's loader, as `hotpath profile` would run it.
 */
import { REGISTER_MODULE } from '../bench/register-url.js';
import { isTypeScript } from '../runner/typescript-file.js';

/** A command to time: the program and its arguments, and how to show it. */
export interface TimedCommand {
  /** As the user wrote it, for the report. */
  label: string;
  file: string;
  args: string[];
}

const SCRIPT = /\.(?:[mc]?[jt]s|tsx|jsx)$/;

/**
 * The commands of `hotpath time`'s arguments: every argument a shell line when each of them
 * holds a space (`'node a.js' 'node b.js'`), else all of them one command's words.
 */
export function commandsOf(words: readonly string[], shellLines: readonly string[] = []): TimedCommand[] {
  if (shellLines.length > 0 || (words.length > 0 && words.every((word) => /\s/.test(word.trim())))) {
    return [...shellLines, ...words].map(shellCommand);
  }
  return words.length === 0 ? [] : [wordsCommand(words)];
}

function shellCommand(line: string): TimedCommand {
  return { label: line, file: process.platform === 'win32' ? 'cmd.exe' : '/bin/sh', args: process.platform === 'win32' ? ['/d', '/s', '/c', line] : ['-c', line] };
}

function wordsCommand(words: readonly string[]): TimedCommand {
  const [first, ...rest] = words as [string, ...string[]];
  const label = words.map(quoteForShow).join(' ');
  if (!SCRIPT.test(first)) return { label, file: first, args: rest };
  const loader = isTypeScript(first) ? ['--import', REGISTER_MODULE.href] : [];
  return { label, file: process.execPath, args: [...loader, first, ...rest] };
}

function quoteForShow(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
