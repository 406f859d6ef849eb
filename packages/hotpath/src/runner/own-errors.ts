/**
 * Errors hotpath itself raises inside the profiled process (its TypeScript loader refusing
 * a file, a bug in a hook) are hotpath's, not the program's: instead of Node's uncaught-
 * exception report with hotpath's stack (and a profile of nothing), the process writes one
 * line for `hotpath profile` to print and exits with code 2. Errors of the program, even
 * ones raised while hotpath's hooks load it (a syntax error, a missing module), stay the
 * program's: Node prints them as it would and the exit code is Node's.
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../atomic-file.js';
import { isOwnUrl } from './own-code.js';

/** Where the one-line message of a hotpath error goes, beside the capture file. */
export function ownErrorFile(captureFile: string): string {
  return `${captureFile}.error`;
}

/**
 * Watches for uncaught errors thrown by hotpath's code. A monitor, not an
 * `uncaughtException` listener: a listener would change how the program's own errors end
 * it; the monitor runs before Node's report and leaves every other error alone.
 */
export function exitOnOwnErrors(captureFile: string): void {
  process.on('uncaughtExceptionMonitor', (error) => {
    const line = ownErrorLine(error);
    if (line === null) return;
    const file = ownErrorFile(captureFile);
    writeFileAtomicSync(file, line);
    process.exit(2);
  });
}

/** The line a hotpath error left in the run's directory; `null` when there was none. */
export function readOwnError(captureFile: string): string | null {
  try {
    return readFileSync(ownErrorFile(captureFile), 'utf8');
  } catch {
    return null;
  }
}

/**
 * One line for an error whose innermost frame is hotpath's code; `null` for any other.
 * Errors from the module hooks' thread arrive with their stack as text, so it is read there.
 */
export function ownErrorLine(error: unknown): string | null {
  const stack = typeof (error as Error | null)?.stack === 'string' ? (error as Error).stack! : '';
  const first = stack.split('\n').find((line) => /^\s+at /.test(line)) ?? '';
  const top = /((?:file|node):[^\s)]+?)(?::\d+){0,2}\)?$/.exec(first);
  if (!top || !isOwnUrl(top[1]!)) return null;
  const { name, message } = error as Error;
  // The loader's own refusals name the file (and position) first (`/p/x.ts:4:1: ...`,
  // `/p/tsconfig.json: ...`); anything else is a fault in hotpath.
  if (/^(?:\/|[A-Za-z]:\\|file:)\S+?:(?:\d+|\s)/.test(message)) return message.split('\n')[0]!;
  return `${process.argv[1] ?? 'the program'}: hotpath failed while loading it: ${name}: ${message.split('\n')[0]} (${top[1]})`;
}
