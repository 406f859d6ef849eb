// The `hotpath` command line: one file per command, each exporting a `register*`
// function that adds its subcommand to the program. Commands stay thin: parse the
// options, call the library, print. Data goes to stdout, progress to stderr.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';
import { registerProfile } from './profile.js';
import { registerConvert } from './convert.js';
import { registerStats } from './stats.js';
import { registerTimeit } from './timeit.js';
import { registerBench } from './bench.js';
import { registerView } from './view.js';
import { registerLines } from './lines.js';
import { registerTime } from './time.js';
import { registerRepl } from './repl.js';

const program = new Command('hotpath')
  .description(
    'The Python performance workflow for TypeScript on Node.js:\n' +
      'time, timeit, benchmarks, cProfile-style profiles and their viewers, line profiles.',
  )
  .version(VERSION)
  .showHelpAfterError()
  // Options after a subcommand's arguments stay the subcommand's: `hotpath profile x.ts --help` passes --help to x.ts.
  .enablePositionalOptions()
  .exitOverride();

registerStats(program);
registerView(program);
registerConvert(program);
registerProfile(program);
registerLines(program);
registerTimeit(program);
registerBench(program);
registerTime(program);
registerRepl(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; every usage error exits 2, as CLIs conventionally do.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    throw error;
  }
}
