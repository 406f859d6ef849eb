// `hotpath time`: the shell's `time` with the maximum resident memory of `/usr/bin/time -v`,
// and with -r or several commands, hyperfine's median, range and comparison.
//   hotpath time node taylor.js          real/user/sys/maxrss on stderr, the program's output as is
//   hotpath time -r 10 'node a.js' 'node b.js'   runs interleaved, the summary on stdout
import type { Command } from 'commander';
import { collect, integerAtLeast } from './option-values.js';
import type { StdioOptions } from 'node:child_process';
import { writeFileAtomic } from '../atomic-file.js';
import { commandsOf, type TimedCommand } from '../time/command.js';
import { formatComparison, formatOneRun, formatSummary, statsJson } from '../time/format.js';
import { CommandStartError, measureRun, type RunFigures } from '../time/measure.js';
import { compareCommands, summarize, type CommandSummary } from '../time/summary.js';

interface TimeValues {
  runs: number;
  warmup: number;
  command?: string[];
  exportJson?: string;
  showOutput?: boolean;
}

/** Adds the `time` command to the program. */
export function registerTime(program: Command): Command {
  return program
    .command('time')
    .description(
      "time a command as the shell's `time` does (real, user and sys time) with its maximum resident memory; " +
        'with -r or several commands, the median, range and comparison of several runs, as hyperfine does. ' +
        'Words are one command, run without a shell (`hotpath time node x.js`); when every argument holds a space, ' +
        "each is a shell line (`hotpath time 'node a.js' 'node b.js'`). A .js/.ts script runs with this node.",
    )
    .argument('[command...]', 'the command and its arguments, or several quoted shell lines')
    .option('-r, --runs <N>', 'runs of each command', integerAtLeast('--runs', 1), 1)
    .option('-w, --warmup <N>', 'runs of each command before the timed ones, not counted', integerAtLeast('--warmup', 0), 0)
    .option('-c, --command <LINE>', 'a shell line to time; repeatable', collect)
    .option('--export-json <FILE>', 'write every run and the statistics as JSON (seconds, KiB)')
    .option('--show-output', "with several runs, show the commands' output (default: discarded, as hyperfine does)")
    .passThroughOptions()
    .showHelpAfterError(false)
    .action(async (words: string[], values: TimeValues, command: Command) => {
      const misplaced = misplacedOption(words, command);
      if (misplaced) command.error(`error: ${misplaced} comes after the commands: hotpath time's options go before them`, { exitCode: 2 });
      const commands = commandsOf(words, values.command);
      if (commands.length === 0) command.error('error: nothing to time: give a command (hotpath time node x.js)', { exitCode: 2 });
      process.exitCode = await timeCommand(commands, values);
    });
}

// `hotpath time 'node a.js' -r 5`: after the first command word every word is the command's
// (so that `hotpath time node --version` works); a shell line followed by one of our flags
// is a slip worth naming.
function misplacedOption(words: readonly string[], command: Command): string | null {
  if (words.length < 2 || !/\s/.test(words[0]!.trim())) return null;
  const flags = new Set(command.options.flatMap((option) => [option.short, option.long]));
  return words.slice(1).find((word) => flags.has(word.split('=')[0]!)) ?? null;
}

async function timeCommand(commands: TimedCommand[], values: TimeValues): Promise<number> {
  const single = commands.length === 1 && values.runs === 1 && values.warmup === 0;
  const stopSignals = ignoreTerminalSignals();
  try {
    if (single) return await oneRun(commands[0]!, values);
    return await severalRuns(commands, values);
  } catch (error) {
    if (!(error instanceof CommandStartError)) throw error;
    process.stderr.write(`hotpath time: ${error.message}\n`);
    return error.exitCode;
  } finally {
    stopSignals();
  }
}

// As `time`: the program keeps the terminal; the figures go to stderr; its exit code is ours.
async function oneRun(command: TimedCommand, values: TimeValues): Promise<number> {
  const run = await measureRun(command, 'inherit');
  process.stderr.write(formatOneRun(run));
  if (values.exportJson) await exportJson(values.exportJson, [summarize(command, [run])]);
  return run.exitCode;
}

// Interleaved (A B A B ...), so a machine that slows down for a while slows every command alike.
async function severalRuns(commands: TimedCommand[], values: TimeValues): Promise<number> {
  const stdio: StdioOptions = values.showOutput ? 'inherit' : 'ignore';
  const runs: RunFigures[][] = commands.map(() => []);
  const total = commands.length * (values.warmup + values.runs);
  let done = 0;
  for (let round = 0; round < values.warmup + values.runs; round++) {
    for (const [i, command] of commands.entries()) {
      progress(`run ${++done}/${total}${round < values.warmup ? ' (warm-up)' : ''}: ${command.label}`);
      const run = await measureRun(command, stdio);
      if (round >= values.warmup) runs[i]!.push(run);
    }
  }
  progress(null);
  const summaries = commands.map((command, i) => summarize(command, runs[i]!));
  process.stdout.write(summaries.map(formatSummary).join('\n'));
  if (summaries.length > 1) {
    const { fastest, others } = compareCommands(summaries);
    process.stdout.write(`\n${formatComparison(fastest, others)}`);
  }
  if (values.exportJson) await exportJson(values.exportJson, summaries);
  const failed = summaries.flatMap((s) => s.failed);
  return failed.length ? failed[failed.length - 1]!.exitCode : 0;
}

async function exportJson(file: string, summaries: CommandSummary[]): Promise<void> {
  const results = summaries.map((s) => ({
    command: s.command.label,
    seconds: { real: statsJson(s.real, 1e-9), user: statsJson(s.user, 1e-9), sys: statsJson(s.sys, 1e-9) },
    maxRssKiB: statsJson(s.maxRss, 1),
    runs: s.runs.map((run) => ({
      realSeconds: run.realNs / 1e9,
      userSeconds: run.userNs === null ? null : run.userNs / 1e9,
      sysSeconds: run.sysNs === null ? null : run.sysNs / 1e9,
      maxRssKiB: run.maxRssKiB,
      exitCode: run.exitCode,
    })),
  }));
  await writeFileAtomic(file, JSON.stringify({ format: 'hotpath-time', version: 1, results }, null, 2) + '\n');
}

// Ctrl-C reaches the command through the terminal's process group; like `time`, hotpath
// outlives it to report how it ended.
function ignoreTerminalSignals(): () => void {
  const ignore = (): void => {};
  process.on('SIGINT', ignore);
  process.on('SIGQUIT', ignore);
  return () => {
    process.off('SIGINT', ignore);
    process.off('SIGQUIT', ignore);
  };
}

function progress(text: string | null): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(text === null ? '\r\x1b[K' : `\r\x1b[K${text.slice(0, (process.stderr.columns ?? 80) - 1)}`);
}
