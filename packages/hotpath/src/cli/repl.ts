// `hotpath repl`: Node's REPL with TypeScript, imports of .ts modules and IPython's magics
// (%timeit, %time, %prun, %magic). Lines may also be piped in: `hotpath repl < session.txt`.
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';

interface ReplValues {
  history: boolean;
  historyFile?: string;
}

/** Adds the `repl` command to the program. */
export function registerRepl(program: Command): Command {
  return program
    .command('repl')
    .description("an interactive TypeScript session with IPython's magics: %timeit, %time, %prun (%magic lists them)")
    .option('--history-file <file>', 'where the history is kept (default: $HOTPATH_REPL_HISTORY or ~/.hotpath_repl_history)')
    .option('--no-history', 'keep no history')
    .showHelpAfterError(false)
    .action(async (values: ReplValues) => {
      const { startRepl } = await import('../repl/session.js');
      const file = values.historyFile ?? process.env.HOTPATH_REPL_HISTORY ?? path.join(homedir(), '.hotpath_repl_history');
      process.exitCode = await startRepl({ historyFile: values.history ? file : null });
    });
}
