// The `hotpath` command line: one file per command, each exporting a `register*`
// function that adds its subcommand to the program. Commands stay thin: parse the
// options, call the library, print. Data goes to stdout, progress to stderr.
//
// Start-up is every command's fixed cost (bench/startup.mjs measures it), so only the
// module of the command being run is loaded: `hotpath profile x.ts` never loads the bench
// harness or the HTML viewer, and `hotpath --version` loads no command at all. Help and
// usage errors (which list or suggest every command) load them all.
import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.js';

type Register = (program: Command) => Command;

/**
 * Every command, by name, with the module that registers it; `--help` lists them in this
 * order. A new command is one line here.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  stats: async () => (await import('./stats.js')).registerStats,
  view: async () => (await import('./view.js')).registerView,
  convert: async () => (await import('./convert.js')).registerConvert,
  profile: async () => (await import('./profile.js')).registerProfile,
  lines: async () => (await import('./lines.js')).registerLines,
  timeit: async () => (await import('./timeit.js')).registerTimeit,
  bench: async () => (await import('./bench.js')).registerBench,
  time: async () => (await import('./time.js')).registerTime,
  repl: async () => (await import('./repl.js')).registerRepl,
  dis: async () => (await import('./dis.js')).registerDis,
  mprof: async () => (await import('./mprof.js')).registerMprof,
  memory: async () => (await import('./memory.js')).registerMemory,
};

/** The commands `argv` needs registered: the one it runs, none for `--version`, else all. */
function commandsFor(argv: readonly string[]): string[] {
  const [first, second] = argv;
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  if (first === 'help' && second !== undefined && Object.hasOwn(COMMANDS, second)) return [second];
  if (argv.length === 1 && (first === '-V' || first === '--version')) return [];
  return Object.keys(COMMANDS);
}

const program = new Command('hotpath')
  .description(
    'The Python performance workflow for TypeScript on Node.js:\n' +
      'time, timeit, a REPL with magics, benchmarks, cProfile-style profiles and their viewers, line profiles, memory, bytecode.',
  )
  .version(VERSION)
  .showHelpAfterError()
  // Options after a subcommand's arguments stay the subcommand's: `hotpath profile x.ts --help` passes --help to x.ts.
  .enablePositionalOptions()
  .exitOverride();

// A reader that stops reading (`hotpath stats x.json | head`) closes stdout: that ends the
// command quietly, as it ends Unix tools, not with an unhandled EPIPE and its stack.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const registers = await Promise.all(commandsFor(process.argv.slice(2)).map((name) => COMMANDS[name]!()));
for (const register of registers) register(program);

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
