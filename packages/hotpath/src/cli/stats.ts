// `hotpath stats FILE...`: print saved profiles again, with the same report options as
// `hotpath profile`, as Python's `python -m pstats FILE` does; several files are added up as
// `pstats.Stats(a, b)` adds them (calls, times and edges summed per function).
import type { Command } from 'commander';
import { readAnyProfileSync } from '../import/read-any.js';
import { addProfiles, ProfileAddError, type NamedProfile } from '../model/add.js';
import { ProfileFileError } from '../model/file.js';
import type { Profile } from '../model/profile.js';
import { ctime } from '../report/format.js';
import { addStatsOptions, renderReport, statsOptions } from './stats-options.js';

/** Adds the `stats` command to the program. */
export function registerStats(program: Command): Command {
  const command = program
    .command('stats')
    .description('print a profile saved with `hotpath profile -o FILE`, as pstats prints a cProfile file; ' + 'several files are added up, as pstats.Stats(a, b) adds them')
    .argument('<files...>', 'the profile files (hotpath profiles or .cpuprofile files)');
  addStatsOptions(command).action((files: string[], _values: unknown, self: Command) => {
    const options = statsOptions(self.opts());
    let profile: Profile;
    const loaded: NamedProfile[] = [];
    try {
      for (const file of files) loaded.push({ file, profile: readAnyProfileSync(file) }); // hotpath or V8 .cpuprofile
      profile = addProfiles(loaded);
    } catch (error) {
      if (!(error instanceof ProfileFileError || error instanceof ProfileAddError)) throw error;
      // A bad file is the user's input, not a bug: one line naming it, exit 2, no stack.
      process.stderr.write(`hotpath stats: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    // pstats heads the table with a line per file it loaded.
    const sources = loaded.map(({ file, profile: p }) => sourceLine(p, file));
    process.stdout.write(renderReport(profile, { ...options, sources }));
  });
  return command;
}

// pstats heads a loaded file with its time and name: `Wed Nov 25 17:05:58 2026    prof.out`.
// The profile's start time says more than the file's mtime, so it is used instead.
function sourceLine(profile: Profile, file: string): string {
  const start = new Date(profile.meta.startTime);
  return `${Number.isNaN(start.getTime()) ? profile.meta.startTime : ctime(start)}    ${file}`;
}
