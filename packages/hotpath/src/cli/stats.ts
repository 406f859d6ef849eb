// `hotpath stats FILE`: print a saved profile again, with the same report options as
// `hotpath profile`, as Python's `python -m pstats FILE` does.
import type { Command } from 'commander';
import { readAnyProfileSync } from '../import/read-any.js';
import { ProfileFileError } from '../model/file.js';
import type { Profile } from '../model/profile.js';
import { ctime } from '../report/format.js';
import { addStatsOptions, renderReport, statsOptions } from './stats-options.js';

/** Adds the `stats` command to the program. */
export function registerStats(program: Command): Command {
  const command = program
    .command('stats')
    .description('print a profile saved with `hotpath profile -o FILE`, as pstats prints a cProfile file')
    .argument('<file>', 'the profile file');
  addStatsOptions(command).action((file: string, _values: unknown, self: Command) => {
    const options = statsOptions(self.opts());
    let profile: Profile;
    try {
      profile = readAnyProfileSync(file); // a hotpath profile or a V8 .cpuprofile
    } catch (error) {
      if (!(error instanceof ProfileFileError)) throw error;
      // A bad file is the user's input, not a bug: one line naming it, exit 2, no stack.
      process.stderr.write(`hotpath stats: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stdout.write(renderReport(profile, { ...options, sources: [sourceLine(profile, file)] }));
  });
  return command;
}

// pstats heads a loaded file with its time and name: `Wed Nov 25 17:05:58 2026    prof.out`.
// The profile's start time says more than the file's mtime, so it is used instead.
function sourceLine(profile: Profile, file: string): string {
  const start = new Date(profile.meta.startTime);
  return `${Number.isNaN(start.getTime()) ? profile.meta.startTime : ctime(start)}    ${file}`;
}
