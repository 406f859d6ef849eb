// The `particles` command line: one file per command, each exporting a `register*`
// function that adds its subcommand to the program.
import { Command, CommanderError } from 'commander';
import { registerBench } from './bench.js';
import { registerVisualize } from './visualize.js';

const program = new Command('particles').description('The particle simulator of the hotpath worked example').showHelpAfterError().exitOverride();

registerBench(program);
registerVisualize(program);

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
